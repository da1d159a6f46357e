package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;
import static org.chapar.testkit.ChaparAssertions.awaitCondition;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.client.ConnectionState;
import org.chapar.client.Peers;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * The Java SDK against a real server: accounts, live delivery, own events, restarts of the client.
 */
class ClientSdkIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path temp;

    private static List<String> texts(List<Update> updates) {
        return updates.stream()
                .filter(Update::hasNewMessage)
                .map(u -> u.getNewMessage().getMessage().getText())
                .toList();
    }

    private static void assertPtsStrictlyIncrease(List<Update> updates) {
        List<Long> pts = updates.stream().filter(u -> u.getPts() != 0).map(Update::getPts).toList();
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i)).as("pts sequence %s", pts).isGreaterThan(pts.get(i - 1));
        }
    }

    @Test
    void registerLoginAndTalkLive() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");

        alice.client().sendMessage(bob.peer(), "hi bob").join();
        Update got = bob.updates().awaitOne(newMessage("hi bob"));
        assertThat(got.getNewMessage().getMessage().getFromId()).isEqualTo(alice.id());

        bob.client()
                .sendMessage(alice.peer(), "hi alice", got.getNewMessage().getMessage().getId())
                .join();
        Message reply =
                alice.updates().awaitOne(newMessage("hi alice")).getNewMessage().getMessage();
        assertThat(reply.getReplyToId()).isEqualTo(got.getNewMessage().getMessage().getId());

        ChaparClient again = server.client();
        again.connect().join();
        assertFails(
                again.login(alice.username(), "wrong-password", "x"),
                ErrorCode.INVALID_CREDENTIALS);
        assertThat(again.login(alice.username(), alice.password(), "x").join().getToken())
                .isNotEmpty();
        assertThat(again.getMe().join().getId()).isEqualTo(alice.id());
        assertThat(again.resolveUsername("@" + bob.username()).join().getId()).isEqualTo(bob.id());
        assertThat(again.getSessions().join()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void requestsBeforeLoginFailWithAuthRequired() {
        ChaparClient c = server.client();
        c.connect().join();
        assertFails(c.getMe(), ErrorCode.AUTH_REQUIRED);
    }

    @Test
    void ownSendsEditsDeletesAndReadsAreDeliveredExactlyOnceInPtsOrder() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(alice.client().sendMessage(bob.peer(), "own " + i).join().getMessage().getId());
        }
        alice.client().editMessage(bob.peer(), ids.get(0), "own 0 edited").join();
        alice.client().deleteMessages(bob.peer(), List.of(ids.get(1)), true).join();
        bob.updates().await(u -> u.hasNewMessage(), 10, Duration.ofSeconds(10));
        bob.client().readHistory(alice.peer(), ids.get(9)).join();

        alice.updates().await(Update::hasReadOutbox, 1, Duration.ofSeconds(10));
        alice.updates().await(Update::hasDeletedMessages, 1, Duration.ofSeconds(10));
        bob.updates().await(Update::hasReadInbox, 1, Duration.ofSeconds(10));
        // Sentinels each of them receives only by push, after every push of the events above:
        // a duplicate the SDK let through would have been delivered before them.
        alice.client().sendMessage(bob.peer(), "sentinel for bob").join();
        bob.updates().awaitOne(newMessage("sentinel for bob"));
        bob.client().sendMessage(alice.peer(), "sentinel for alice").join();
        alice.updates().awaitOne(newMessage("sentinel for alice"));
        List<Update> mine = alice.updates().all();
        List<String> expected =
                new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> "own " + i).toList());
        expected.addAll(List.of("sentinel for bob", "sentinel for alice"));
        assertThat(texts(mine)).containsExactlyElementsOf(expected);
        assertThat(mine.stream().filter(Update::hasEditedMessage)).hasSize(1);
        assertThat(mine.stream().filter(Update::hasDeletedMessages)).hasSize(1);
        assertPtsStrictlyIncrease(mine);
        assertPtsStrictlyIncrease(bob.updates().all());
        assertThat(bob.updates().all().stream().filter(Update::hasReadInbox)).hasSize(1);
        long head = alice.client().getState().join().getPts();
        awaitCondition(
                "alice's delivered pts saved", () -> alice.client().syncState().pts() == head);
    }

    @Test
    void ownPinsInAGroupAndForwardsToAUserComeOnceAndTheAnswersMoveTheCommonBox() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        ChatRequests chats = new ChatRequests(alice.client());
        long group =
                chats.createChat(ChatKind.GROUP, "Pins", "", List.of(bob.user()))
                        .join()
                        .getChat()
                        .getId();
        long id =
                alice.client().sendMessage(Peers.chat(group), "pin me").join().getMessage().getId();
        AffectedPts silent = chats.pinMessage(Peers.chat(group), id, false, true).join();
        assertThat(silent.getChannelId()).isZero();
        awaitCondition(
                "the silent pin's pts", () -> alice.client().syncState().pts() == silent.getPts());
        AffectedPts loud = chats.pinMessage(Peers.chat(group), id, false, false).join();
        awaitCondition(
                "the loud pin's pts", () -> alice.client().syncState().pts() == loud.getPts());
        SentMessage fwd = chats.forwardMessage(Peers.chat(group), id, bob.peer()).join();
        assertThat(fwd.getChannelId()).isZero();
        awaitCondition("the forward's pts", () -> alice.client().syncState().pts() == fwd.getPts());

        bob.client().sendMessage(alice.peer(), "sentinel for alice").join();
        alice.updates().awaitOne(newMessage("sentinel for alice"));
        assertThat(BoxEvents.from(alice.updates().all(), 0, "post pin me"))
                .containsExactly(
                        "post pin me",
                        "pinned " + id,
                        "pinned " + id,
                        "MESSAGE_PINNED " + id,
                        "forwarded pin me",
                        "post sentinel for alice");
    }

    @Test
    void everyDeviceOfAUserGetsTheSameStream() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser bobPhone = server.newDevice(bob);
        alice.client().sendMessage(bob.peer(), "to all devices").join();
        bobPhone.client().sendMessage(alice.peer(), "from the phone").join();
        alice.client().sendMessage(bob.peer(), "sentinel").join(); // a later push to both
        for (TestUser device : List.of(bob, bobPhone)) {
            device.updates().awaitOne(newMessage("sentinel"));
        }
        assertThat(texts(bob.updates().all()))
                .containsExactly("to all devices", "from the phone", "sentinel");
        assertThat(texts(bobPhone.updates().all()))
                .containsExactly("to all devices", "from the phone", "sentinel");
    }

    @Test
    void aClientRestartedThreeTimesSeesEveryMessageOnceAcrossItsLives() throws Exception {
        TestUser alice = server.newUser("alice");
        Path state = temp.resolve("bob.sync");
        TestUser bob = server.newUser("bob", SyncStateStore.file(state));
        List<String> seen = new ArrayList<>();
        List<String> sent = new ArrayList<>();

        ChaparClient life = bob.client();
        UpdateRecorder recorder = bob.updates();
        int n = 0;
        for (int lifeNo = 0; lifeNo < 3; lifeNo++) {
            for (int i = 0; i < 5; i++, n++) { // some while online
                sent.add("m" + n);
                alice.client().sendMessage(bob.peer(), "m" + n).join();
            }
            recorder.await(u -> u.hasNewMessage(), lifeNo == 0 ? 5 : 10, Duration.ofSeconds(10));
            life.close();
            seen.addAll(texts(recorder.all()));
            for (int i = 0; i < 5; i++, n++) { // some while the client is gone
                sent.add("m" + n);
                alice.client().sendMessage(bob.peer(), "m" + n).join();
            }
            life = server.client(SyncStateStore.file(state));
            recorder = new UpdateRecorder();
            life.addUpdateListener(recorder);
            life.connect().join();
        }
        recorder.await(u -> u.hasNewMessage(), 5, Duration.ofSeconds(10));
        // a later live message: anything replayed twice by the catch-up would come before it
        sent.add("sentinel");
        alice.client().sendMessage(bob.peer(), "sentinel").join();
        recorder.awaitOne(newMessage("sentinel"));
        seen.addAll(texts(recorder.all()));
        assertThat(seen).containsExactlyElementsOf(sent);
    }

    @Test
    void aRevokedDeviceIsToldItIsLoggedOut() {
        TestUser bob = server.newUser("bob");
        TestUser bobPhone = server.newDevice(bob);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        bobPhone.client().addConnectionListener(states::add);
        long phoneSession =
                bob.client().getSessions().join().stream()
                        .filter(s -> !s.getCurrent())
                        .findFirst()
                        .orElseThrow()
                        .getId();
        bob.client().revokeSession(phoneSession).join();
        bobPhone.updates().awaitOne(Update::hasSessionRevoked);
        awaitCondition("LOGGED_OUT reported", () -> states.contains(ConnectionState.LOGGED_OUT));
        assertThat(bobPhone.client().syncState().hasToken()).isFalse();
    }

    @Test
    void concurrentSendsFromManyThreadsAllArriveOnce() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sends.add(alice.client().sendMessage(bob.peer(), "c" + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        bob.updates().await(u -> u.hasNewMessage(), 50, Duration.ofSeconds(15));
        alice.client().sendMessage(bob.peer(), "sentinel").join(); // pushed after all of them
        bob.updates().awaitOne(newMessage("sentinel"));
        assertThat(texts(bob.updates().all())).hasSize(51).doesNotHaveDuplicates();
        assertPtsStrictlyIncrease(bob.updates().all());
    }
}
