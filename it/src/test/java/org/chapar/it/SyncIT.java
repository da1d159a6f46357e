package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.awaitCondition;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChaparClient;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** The common box: differences, paging, multi-device, offline catch-up, exactly-once delivery. */
class SyncIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path temp;

    private static List<String> texts(List<Update> updates) {
        return updates.stream()
                .filter(Update::hasNewMessage)
                .map(u -> u.getNewMessage().getMessage().getText())
                .toList();
    }

    @Test
    void differenceIsPagedInSlicesThatChainByState() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long start = bob.client().getState().join().getPts();
        for (int i = 0; i < 25; i++) {
            alice.client().sendMessage(bob.peer(), "m" + i).join();
        }
        Difference first = bob.client().getDifference(start, 10).join();
        assertThat(first.getSlice()).isTrue();
        assertThat(first.getUpdatesList()).hasSize(10);
        assertThat(first.getState().getPts()).isEqualTo(first.getUpdates(9).getPts());
        Difference second = bob.client().getDifference(first.getState().getPts(), 10).join();
        Difference third = bob.client().getDifference(second.getState().getPts(), 10).join();
        assertThat(third.getSlice()).isFalse();
        assertThat(third.getUpdatesList()).hasSize(5);
        assertThat(third.getState().getPts()).isEqualTo(bob.client().getState().join().getPts());

        List<Update> all = new java.util.ArrayList<>(first.getUpdatesList());
        all.addAll(second.getUpdatesList());
        all.addAll(third.getUpdatesList());
        assertThat(texts(all))
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "m" + i).toList());
        // pts rise by pts_count with no holes
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).getPts())
                    .isEqualTo(all.get(i - 1).getPts() + all.get(i).getPtsCount());
        }
        assertThat(first.getUsersList()).extracting(u -> u.getId()).contains(alice.id());
    }

    @Test
    void everySessionOfAUserGetsLiveUpdatesIncludingItsOwnSends() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser bobPhone = server.newDevice(bob);

        alice.client().sendMessage(bob.peer(), "to both devices").join();
        bob.updates().awaitOne(newMessage("to both devices"));
        bobPhone.updates().awaitOne(newMessage("to both devices"));

        bob.client().sendMessage(alice.peer(), "from the laptop").join();
        Update mirrored = bobPhone.updates().awaitOne(newMessage("from the laptop"));
        assertThat(mirrored.getNewMessage().getMessage().getOut()).isTrue();
        alice.updates().awaitOne(newMessage("from the laptop"));
    }

    @Test
    void theSenderSeesItsOwnMessageExactlyOnce() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        for (int i = 0; i < 20; i++) {
            alice.client().sendMessage(bob.peer(), "once " + i).join();
        }
        bob.updates().await(u -> u.hasNewMessage(), 20, Duration.ofSeconds(10));
        alice.updates().await(u -> u.hasNewMessage(), 20, Duration.ofSeconds(10));
        // Sentinels each of them receives only by push, after every push of the sends above:
        // a duplicate the SDK let through would have been delivered before them.
        alice.client().sendMessage(bob.peer(), "sentinel for bob").join();
        bob.updates().awaitOne(newMessage("sentinel for bob"));
        bob.client().sendMessage(alice.peer(), "sentinel for alice").join();
        alice.updates().awaitOne(newMessage("sentinel for alice"));
        assertThat(texts(alice.updates().all())).hasSize(22).doesNotHaveDuplicates();
        assertThat(texts(bob.updates().all())).hasSize(22).doesNotHaveDuplicates();
    }

    @Test
    void anOfflineClientCatchesUpOnEverythingInOrderAfterARestart() throws Exception {
        TestUser alice = server.newUser("alice");
        Path state = temp.resolve("bob.state");
        TestUser bob = server.newUser("bob", SyncStateStore.file(state));
        alice.client().sendMessage(bob.peer(), "before").join();
        bob.updates().awaitOne(newMessage("before"));
        bob.client().close();
        assertThat(Files.exists(state)).isTrue();

        for (int i = 0; i < 30; i++) {
            alice.client().sendMessage(bob.peer(), "while away " + i).join();
        }

        ChaparClient again = server.client(SyncStateStore.file(state));
        UpdateRecorder recorder = new UpdateRecorder();
        again.addUpdateListener(recorder);
        again.connect().join();
        recorder.await(u -> u.hasNewMessage(), 30, Duration.ofSeconds(10));
        // a later live message: anything replayed twice by the catch-up would come before it
        alice.client().sendMessage(bob.peer(), "sentinel").join();
        recorder.awaitOne(newMessage("sentinel"));
        List<String> expected =
                new java.util.ArrayList<>(
                        IntStream.range(0, 30).mapToObj(i -> "while away " + i).toList());
        expected.add("sentinel");
        assertThat(texts(recorder.all())).containsExactlyElementsOf(expected);
        long head = again.getState().join().getPts();
        awaitCondition("the delivered pts saved", () -> again.syncState().pts() == head);
    }

    @Test
    void differencesShowMessagesAsTheyAreNowAndNothingOfPurgedOnes() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long start = bob.client().getState().join().getPts();
        long kept = alice.client().sendMessage(bob.peer(), "draft").join().getMessage().getId();
        long gone =
                alice.client()
                        .sendMessage(bob.peer(), "oops, wrong chat")
                        .join()
                        .getMessage()
                        .getId();
        alice.client().editMessage(bob.peer(), kept, "final").join();
        alice.client().deleteMessages(bob.peer(), List.of(gone), true).join();

        Difference diff = bob.client().getDifference(start, 100).join();
        assertThat(diff.toString()).doesNotContain("oops, wrong chat").doesNotContain("draft");
        assertThat(diff.getUpdatesList())
                .filteredOn(Update::hasNewMessage)
                .extracting(u -> u.getNewMessage().getMessage().getText())
                .containsExactly("final");
        assertThat(diff.getUpdatesList())
                .filteredOn(Update::hasDeletedMessages)
                .extracting(u -> u.getDeletedMessages().getIdsList())
                .containsExactly(List.of(gone));
        assertThat(bob.client().getHistory(alice.peer(), 0, 10).join().getMessagesList())
                .extracting(m -> m.getText())
                .containsExactly("final");
    }

    @Test
    void aClientCatchesUpAfterTheServerRestarts() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "before restart").join();
        bob.updates().awaitOne(newMessage("before restart"));

        server.restart();

        // the SDK reconnects by itself; a send retried over the new connection is not doubled
        alice.client().sendMessage(bob.peer(), "after restart").join();
        bob.updates().awaitOne(newMessage("after restart"));
        assertThat(texts(bob.updates().all())).containsExactly("before restart", "after restart");
    }
}
