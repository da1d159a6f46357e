package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Replies, deletes (for me, for both, and what purge leaves), history and chat-list paging. */
class MessagesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static List<String> texts(MessageList list) {
        return list.getMessagesList().stream().map(Message::getText).toList();
    }

    /** How many rows of the database still hold the message or point at it, in any table. */
    private static int rowsOf(String text, TestUser a, TestUser b, long messageId)
            throws Exception {
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:sqlite:" + server.dataDir().resolve("chapar.db"))) {
            long chat;
            try (PreparedStatement st =
                    c.prepareStatement(
                            "SELECT chat_id FROM private_chats WHERE user_lo = ? AND user_hi = ?")) {
                st.setLong(1, Math.min(a.id(), b.id()));
                st.setLong(2, Math.max(a.id(), b.id()));
                try (ResultSet rs = st.executeQuery()) {
                    chat = rs.getLong(1);
                }
            }
            int n =
                    count(
                            c,
                            "SELECT count(*) FROM messages WHERE text = ? OR (chat_id = ? AND id = ?)",
                            text,
                            chat,
                            messageId);
            for (String table : List.of("box_events", "hidden_messages", "sent_random_ids")) {
                n +=
                        count(
                                c,
                                "SELECT count(*) FROM "
                                        + table
                                        + " WHERE chat_id = ? AND message_id = ?",
                                chat,
                                messageId);
            }
            return n;
        }
    }

    private static int count(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aReplyPointsAtAMessageOfTheSameChat() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long question = alice.client().sendMessage(bob.peer(), "tea?").join().getMessage().getId();
        Message answer =
                bob.client().sendMessage(alice.peer(), "yes", question).join().getMessage();
        assertThat(answer.getReplyToId()).isEqualTo(question);
        Update live =
                alice.updates()
                        .awaitOne(
                                u ->
                                        u.hasNewMessage()
                                                && u.getNewMessage()
                                                        .getMessage()
                                                        .getText()
                                                        .equals("yes"));
        assertThat(live.getNewMessage().getMessage().getReplyToId()).isEqualTo(question);
        assertFails(
                bob.client().sendMessage(alice.peer(), "to nothing", 999_999),
                ErrorCode.MESSAGE_NOT_FOUND);
    }

    @Test
    void deleteForMeHidesOnlyFromMe() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long first = alice.client().sendMessage(bob.peer(), "first").join().getMessage().getId();
        long second = alice.client().sendMessage(bob.peer(), "second").join().getMessage().getId();

        bob.client().deleteMessages(alice.peer(), List.of(second), false).join();

        assertThat(texts(bob.client().getHistory(alice.peer(), 0, 10).join()))
                .containsExactly("first");
        assertThat(texts(alice.client().getHistory(bob.peer(), 0, 10).join()))
                .containsExactly("second", "first");
        Dialog bobs = bob.client().getDialogs("", 10).join().getDialogs(0);
        assertThat(bobs.getTopMessageId()).isEqualTo(first);
        assertThat(bobs.getUnreadCount()).isEqualTo(1);
        assertFails(
                bob.client().editMessage(alice.peer(), second, "x"), ErrorCode.MESSAGE_NOT_FOUND);
    }

    @Test
    void deleteForBothRemovesTheMessageEverywhereAndTellsTheOtherSide() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long id =
                alice.client()
                        .sendMessage(bob.peer(), "regrettable 7d1f")
                        .join()
                        .getMessage()
                        .getId();
        bob.updates().awaitOne(u -> u.hasNewMessage());

        alice.client().deleteMessages(bob.peer(), List.of(id), true).join();

        Update deleted = bob.updates().awaitOne(Update::hasDeletedMessages);
        assertThat(deleted.getDeletedMessages().getIdsList()).containsExactly(id);
        assertThat(deleted.getDeletedMessages().getPeer().getUserId()).isEqualTo(alice.id());
        assertThat(bob.client().getHistory(alice.peer(), 0, 10).join().getMessagesList()).isEmpty();
        assertThat(alice.client().getHistory(bob.peer(), 0, 10).join().getMessagesList()).isEmpty();
        assertThat(bob.client().getDialogs("", 10).join().getDialogs(0).getUnreadCount()).isZero();
        assertThat(rowsOf("regrettable 7d1f", alice, bob, id))
                .as("rows left of the purged message")
                .isZero();
    }

    @Test
    void aMessageBothSidesDeletedForThemselvesIsPurged() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long id =
                alice.client()
                        .sendMessage(bob.peer(), "ephemeral 93ac")
                        .join()
                        .getMessage()
                        .getId();
        alice.client().deleteMessages(bob.peer(), List.of(id), false).join();
        assertThat(rowsOf("ephemeral 93ac", alice, bob, id))
                .as("bob can still see it")
                .isPositive();
        bob.client().deleteMessages(alice.peer(), List.of(id), false).join();
        assertThat(rowsOf("ephemeral 93ac", alice, bob, id)).isZero();
    }

    @Test
    void aRetriedSendIsAnsweredOnceAndNeverResentAfterADelete() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser carol = server.newUser("carol");
        ClientFrame.Builder send =
                ClientFrame.newBuilder()
                        .setSendMessage(
                                SendMessage.newBuilder()
                                        .setPeer(bob.peer())
                                        .setText("only once")
                                        .setRandomId(0x5eed_1234_5678L));
        ServerFrame first = alice.client().call(send.clone()).join();
        ServerFrame retry = alice.client().call(send.clone()).join();
        assertThat(retry.getSentMessage()).isEqualTo(first.getSentMessage());
        assertThat(texts(bob.client().getHistory(alice.peer(), 0, 10).join()))
                .containsExactly("only once");

        assertFails(
                alice.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setSendMessage(
                                                SendMessage.newBuilder()
                                                        .setPeer(carol.peer())
                                                        .setText("only once")
                                                        .setRandomId(0x5eed_1234_5678L))),
                ErrorCode.BAD_REQUEST);

        bob.client()
                .deleteMessages(
                        alice.peer(), List.of(first.getSentMessage().getMessage().getId()), true)
                .join();
        assertFails(alice.client().call(send.clone()), ErrorCode.MESSAGE_NOT_FOUND);
        assertThat(bob.client().getHistory(alice.peer(), 0, 10).join().getMessagesList()).isEmpty();
    }

    @Test
    void historyPagesBackwardsByMessageId() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        for (int i = 1; i <= 7; i++) {
            alice.client().sendMessage(bob.peer(), "n" + i).join();
        }
        MessageList newest = bob.client().getHistory(alice.peer(), 0, 3).join();
        assertThat(texts(newest)).containsExactly("n7", "n6", "n5");
        long oldestShown = newest.getMessages(2).getId();
        assertThat(texts(bob.client().getHistory(alice.peer(), oldestShown, 3).join()))
                .containsExactly("n4", "n3", "n2");
        assertFails(bob.client().getHistory(alice.peer(), 0, 1000), ErrorCode.LIMIT_INVALID);
    }

    @Test
    void theChatListPagesByRecencyWithAnOpaqueOffset() {
        TestUser me = server.newUser("myself");
        List<TestUser> friends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestUser f = server.newUser("friend");
            friends.add(f);
            f.client().sendMessage(me.peer(), "hello from " + i).join();
        }
        List<Long> seen = new ArrayList<>();
        String offset = "";
        do {
            DialogList page = me.client().getDialogs(offset, 2).join();
            page.getDialogsList().forEach(d -> seen.add(d.getPeer().getUserId()));
            assertThat(page.getMessagesCount()).isEqualTo(page.getDialogsCount());
            offset = page.getNextOffset();
        } while (!offset.isEmpty());
        assertThat(seen)
                .containsExactlyElementsOf(friends.reversed().stream().map(TestUser::id).toList());
        assertFails(me.client().getDialogs("garbage", 2), ErrorCode.BAD_REQUEST);
    }

    @Test
    void theHttpSideAnswersHealthChecks() throws Exception {
        HttpResponse<String> health =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.httpUri("/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("ok");
        HttpResponse<String> missing =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(server.httpUri("/nope").toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
