package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.awaitCondition;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.Peer;
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
import java.util.stream.IntStream;

/**
 * The SDK's own boxes for supergroups and channels: live order, catch-up after a restart, no harm
 * to the common box.
 */
class ClientChannelIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path temp;

    private static long create(TestUser owner, ChatKind kind, String title) {
        return owner.client()
                .call(
                        ClientFrame.newBuilder()
                                .setCreateChat(
                                        CreateChat.newBuilder()
                                                .setKind(kind)
                                                .setTitle(title)
                                                .setUsername(
                                                        title.toLowerCase() + "_" + owner.id())))
                .join()
                .getChatInfo()
                .getChat()
                .getId();
    }

    private static void join(ChaparClient c, long chat) {
        assertThat(
                        c.call(
                                        ClientFrame.newBuilder()
                                                .setJoinChat(JoinChat.newBuilder().setChatId(chat)))
                                .join()
                                .hasChatInfo())
                .isTrue();
    }

    /** Texts of the chat's messages, without service messages (created, joined). */
    private static List<String> posts(List<Update> updates, long chat) {
        return updates.stream()
                .filter(
                        u ->
                                u.getChannelId() == chat
                                        && u.hasNewMessage()
                                        && !u.getNewMessage().getMessage().hasAction())
                .map(u -> u.getNewMessage().getMessage().getText())
                .toList();
    }

    /**
     * Posts a sentinel to the chat and waits until {@code recorder} has it. The chat's box is
     * delivered in pts order, so a post delivered twice, or one that should not be delivered at
     * all, would have come before the sentinel.
     */
    private static void awaitSentinel(
            TestUser poster, long chat, UpdateRecorder recorder, String text) {
        poster.client().sendMessage(Peers.chat(chat), text).join();
        recorder.await(
                u ->
                        u.getChannelId() == chat
                                && u.hasNewMessage()
                                && u.getNewMessage().getMessage().getText().equals(text),
                1,
                Duration.ofSeconds(10));
    }

    @Test
    void postsSinceAJoinByARequestOnlyClientReachTheNextSyncingClient() {
        TestUser owner = server.newUser("owner");
        Path state = temp.resolve("joiner.sync");
        TestUser joiner = server.newUser("joiner", SyncStateStore.file(state));
        long chat = create(owner, ChatKind.CHANNEL, "later");
        owner.client().sendMessage(Peers.chat(chat), "before the join").join();
        joiner.client().close();

        // a one-shot tool (like `chapar join`) joins without syncing updates
        ChaparClient oneShot =
                ChaparClient.builder(server.uri())
                        .stateStore(SyncStateStore.file(state))
                        .syncUpdates(false)
                        .build();
        server.track(oneShot);
        oneShot.connect().join();
        join(oneShot, chat);
        oneShot.close();
        owner.client().sendMessage(Peers.chat(chat), "after the join").join();

        ChaparClient listener = server.client(SyncStateStore.file(state));
        UpdateRecorder recorder = new UpdateRecorder();
        listener.addUpdateListener(recorder);
        listener.connect().join();
        awaitSentinel(owner, chat, recorder, "sentinel");
        assertThat(posts(recorder.all(), chat)).containsExactly("after the join", "sentinel");
    }

    @Test
    void aSubscriberGetsPostsLiveAndWhatItMissedAfterARestartExactlyOnce() {
        TestUser owner = server.newUser("owner");
        Path state = temp.resolve("sub.sync");
        TestUser sub = server.newUser("sub", SyncStateStore.file(state));
        long chat = create(owner, ChatKind.CHANNEL, "news");
        join(sub.client(), chat);

        for (int i = 0; i < 3; i++) {
            owner.client().sendMessage(Peers.chat(chat), "p" + i).join();
        }
        sub.updates()
                .await(
                        u -> u.getChannelId() == chat && u.hasNewMessage(),
                        3,
                        Duration.ofSeconds(10));
        assertThat(posts(sub.updates().all(), chat)).containsExactly("p0", "p1", "p2");
        sub.client().close();

        for (int i = 3; i < 8; i++) {
            owner.client().sendMessage(Peers.chat(chat), "p" + i).join();
        }
        ChaparClient again = server.client(SyncStateStore.file(state));
        UpdateRecorder recorder = new UpdateRecorder();
        again.addUpdateListener(recorder);
        again.connect().join();
        recorder.await(
                u -> u.getChannelId() == chat && u.hasNewMessage(), 5, Duration.ofSeconds(10));
        owner.client().sendMessage(Peers.chat(chat), "p8").join();
        awaitSentinel(owner, chat, recorder, "sentinel");
        List<String> expected =
                new ArrayList<>(IntStream.range(3, 9).mapToObj(i -> "p" + i).toList());
        expected.add("sentinel");
        assertThat(posts(recorder.all(), chat)).containsExactlyElementsOf(expected);
        assertThat(again.syncState().channelPts()).containsKey(chat);
    }

    @Test
    void aSendersOwnPostsComeOnceAndTheAnswersMoveTheChatsBox() {
        TestUser owner = server.newUser("poster");
        long chat = create(owner, ChatKind.CHANNEL, "own");
        long last = 0;
        for (int i = 0; i < 3; i++) {
            SentMessage sent = owner.client().sendMessage(Peers.chat(chat), "own " + i).join();
            assertThat(sent.getChannelId()).isEqualTo(chat);
            last = sent.getPts();
        }
        long head = last;
        // the answer and the push are one event of the chat's box, whichever the SDK saw first
        awaitCondition(
                "the chat's pts saved",
                () -> Long.valueOf(head).equals(owner.client().syncState().channelPts().get(chat)));
        awaitSentinel(owner, chat, owner.updates(), "own sentinel");
        assertThat(posts(owner.updates().all(), chat))
                .containsExactly("own 0", "own 1", "own 2", "own sentinel");
    }

    private static void awaitChatPts(TestUser user, long chat, long pts) {
        awaitCondition(
                "the chat's pts " + pts + " saved",
                () -> Long.valueOf(pts).equals(user.client().syncState().channelPts().get(chat)));
    }

    @Test
    void theAnswersOfPinsAndForwardsMoveTheChatsBoxAndEachEventComesOnce() {
        TestUser owner = server.newUser("pinner");
        long chat = create(owner, ChatKind.CHANNEL, "pins");
        Peer peer = Peers.chat(chat);
        ChatRequests chats = new ChatRequests(owner.client());
        long id = owner.client().sendMessage(peer, "to pin").join().getMessage().getId();

        AffectedPts silent = chats.pinMessage(peer, id, false, true).join();
        assertThat(silent.getChannelId()).isEqualTo(chat);
        awaitChatPts(owner, chat, silent.getPts());
        awaitChatPts(owner, chat, chats.pinMessage(peer, id, true, false).join().getPts());
        // a pin that posts a service message answers that message's pts
        AffectedPts loud = chats.pinMessage(peer, id, false, false).join();
        assertThat(loud.getChannelId()).isEqualTo(chat);
        awaitChatPts(owner, chat, loud.getPts());
        SentMessage forwarded = chats.forwardMessage(peer, id, peer).join();
        assertThat(forwarded.getChannelId()).isEqualTo(chat);
        awaitChatPts(owner, chat, forwarded.getPts());

        awaitSentinel(owner, chat, owner.updates(), "pins sentinel");
        assertThat(BoxEvents.from(owner.updates().all(), chat, "post to pin"))
                .containsExactly(
                        "post to pin",
                        "pinned " + id,
                        "unpinned " + id,
                        "pinned " + id,
                        "MESSAGE_PINNED " + id,
                        "forwarded to pin",
                        "post pins sentinel");
    }

    @Test
    void supergroupTrafficLeavesTheCommonBoxIntact() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = create(alice, ChatKind.SUPERGROUP, "club");
        join(bob.client(), chat);
        for (int i = 0; i < 5; i++) {
            alice.client().sendMessage(Peers.chat(chat), "club " + i).join();
            bob.client().sendMessage(Peers.chat(chat), "club reply " + i).join();
        }
        alice.client().sendMessage(bob.peer(), "private after").join();
        bob.updates().awaitOne(newMessage("private after"));
        alice.updates().awaitOne(newMessage("private after"));
        // each of them hears the other's sentinel by push only, after every earlier post
        awaitSentinel(alice, chat, bob.updates(), "sentinel from alice");
        awaitSentinel(bob, chat, alice.updates(), "sentinel from bob");
        for (TestUser u : List.of(alice, bob)) {
            List<String> club = posts(u.updates().all(), chat);
            assertThat(club).hasSize(12).doesNotHaveDuplicates();
            long head = u.client().getState().join().getPts();
            awaitCondition("the delivered pts saved", () -> u.client().syncState().pts() == head);
        }
    }
}
