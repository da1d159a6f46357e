package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChatRequests;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Difference;
import org.chapar.protocol.GetMessages;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

/**
 * Saved messages: the private chat with oneself, where people keep notes. Both "members" of the
 * chat are one user, so each event is written once into one box and reaches each device once.
 */
class SavedMessagesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static List<String> texts(MessageList list) {
        return list.getMessagesList().stream().map(Message::getText).toList();
    }

    private static long count(List<Update> updates, String text) {
        return updates.stream().filter(newMessage(text)).count();
    }

    @Test
    void aNoteToYourselfIsInHistoryAndTheChatListOnceAndNeverUnread() {
        TestUser me = server.newUser("notes");
        Message note = me.client().sendMessage(me.peer(), "buy milk").join().getMessage();
        assertThat(note.getOut()).isTrue();
        assertThat(note.getFromId()).isEqualTo(me.id());
        assertThat(note.getPeer().getUserId()).isEqualTo(me.id());

        MessageList history = me.client().getHistory(me.peer(), 0, 10).join();
        assertThat(texts(history)).containsExactly("buy milk");
        assertThat(history.getUsersList()).extracting(User::getId).containsExactly(me.id());
        assertThat(history.getUsers(0).getSelf()).isTrue();
        ServerFrame byId =
                me.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetMessages(
                                                GetMessages.newBuilder()
                                                        .setPeer(me.peer())
                                                        .addIds(note.getId())))
                        .join();
        assertThat(texts(byId.getMessages())).containsExactly("buy milk");
        assertThat(byId.getMessages().getUsersList())
                .extracting(User::getId)
                .containsExactly(me.id());

        DialogList dialogs = me.client().getDialogs("", 10).join();
        assertThat(dialogs.getDialogsList()).hasSize(1);
        Dialog saved = dialogs.getDialogs(0);
        assertThat(saved.getPeer().getUserId()).isEqualTo(me.id());
        assertThat(saved.getTopMessageId()).isEqualTo(note.getId());
        assertThat(saved.getUnreadCount()).isZero();
        assertThat(saved.getReadInboxMaxId())
                .as("a note is read by its writer")
                .isEqualTo(note.getId());
        assertThat(saved.getReadOutboxMaxId()).isEqualTo(note.getId());
        assertThat(dialogs.getMessagesList())
                .extracting(Message::getText)
                .containsExactly("buy milk");
        assertThat(dialogs.getUsersList()).extracting(User::getId).containsExactly(me.id());
        assertThat(me.client().getState().join().getUnreadCount()).isZero();

        AffectedPts read = me.client().readHistory(me.peer(), 0).join();
        assertThat(read.getPtsCount()).as("nothing was unread, so nothing changes").isZero();
    }

    @Test
    void everyDeviceGetsANoteOnceLiveAndOnceInItsDifference() {
        TestUser me = server.newUser("notes");
        TestUser laptop = server.newDevice(me);
        RawConnection phone = server.track(RawConnection.open(server.uri()));
        phone.call(
                ClientFrame.newBuilder()
                        .setAuthenticate(
                                Authenticate.newBuilder().setToken(server.newDevice(me).token())));

        me.client().sendMessage(me.peer(), "note one").join();
        me.client().sendMessage(me.peer(), "sentinel").join();

        Updates pushed = phone.nextPush().getUpdates();
        assertThat(pushed.getUpdates(0).getNewMessage().getMessage().getText())
                .isEqualTo("note one");
        assertThat(pushed.getUsersList())
                .as("the user is mentioned once, not as sender and receiver")
                .extracting(User::getId)
                .containsExactly(me.id());
        assertThat(
                        phone.nextPush()
                                .getUpdates()
                                .getUpdates(0)
                                .getNewMessage()
                                .getMessage()
                                .getText())
                .isEqualTo("sentinel");
        for (TestUser device : List.of(me, laptop)) {
            List<Update> seen =
                    device.updates().await(newMessage("sentinel"), 1, Duration.ofSeconds(10));
            assertThat(seen).hasSize(1);
            assertThat(count(device.updates().all(), "note one")).isEqualTo(1);
        }

        Difference diff = me.client().getDifference(0, 100).join();
        assertThat(count(diff.getUpdatesList(), "note one")).isEqualTo(1);
        assertThat(diff.getUpdatesList()).filteredOn(Update::hasReadOutbox).isEmpty();
        assertThat(diff.getUsersList()).extracting(User::getId).containsExactly(me.id());
    }

    @Test
    void aNoteCanBeEditedAndDeletingItPurgesIt() throws Exception {
        TestUser me = server.newUser("notes");
        TestUser laptop = server.newDevice(me);
        long id = me.client().sendMessage(me.peer(), "draft 5c2e").join().getMessage().getId();
        long keep = me.client().sendMessage(me.peer(), "keep").join().getMessage().getId();

        me.client().editMessage(me.peer(), id, "final 5c2e").join();
        Update edited = laptop.updates().awaitOne(Update::hasEditedMessage);
        assertThat(edited.getEditedMessage().getMessage().getText()).isEqualTo("final 5c2e");
        assertThat(texts(me.client().getHistory(me.peer(), 0, 10).join()))
                .containsExactly("keep", "final 5c2e");

        me.client().deleteMessages(me.peer(), List.of(id), false).join();
        Update deleted = laptop.updates().awaitOne(Update::hasDeletedMessages);
        assertThat(deleted.getDeletedMessages().getIdsList()).containsExactly(id);
        assertThat(deleted.getDeletedMessages().getPeer().getUserId()).isEqualTo(me.id());
        assertThat(texts(me.client().getHistory(me.peer(), 0, 10).join())).containsExactly("keep");
        Dialog saved = me.client().getDialogs("", 10).join().getDialogs(0);
        assertThat(saved.getTopMessageId()).isEqualTo(keep);
        assertThat(saved.getUnreadCount()).isZero();
        assertThat(rowsOf(me, id)).as("rows left of the deleted note").isZero();

        me.client().deleteMessages(me.peer(), List.of(keep), true).join();
        assertThat(me.client().getHistory(me.peer(), 0, 10).join().getMessagesList()).isEmpty();
        assertThat(rowsOf(me, keep)).isZero();
    }

    @Test
    void aMessageFromAnotherChatIsForwardedIntoSavedMessagesWithItsSender() {
        TestUser me = server.newUser("notes");
        TestUser bob = server.newUser("bob");
        long id = bob.client().sendMessage(me.peer(), "the address").join().getMessage().getId();

        Message saved =
                new ChatRequests(me.client())
                        .forwardMessage(bob.peer(), id, me.peer())
                        .join()
                        .getMessage();

        assertThat(saved.getFwdFrom().getFromUserId()).isEqualTo(bob.id());
        assertThat(texts(me.client().getHistory(me.peer(), 0, 10).join()))
                .containsExactly("the address");
        assertThat(me.client().getDialogs("", 10).join().getDialogsList())
                .extracting(d -> d.getPeer().getUserId(), Dialog::getUnreadCount)
                .containsExactly(tuple(me.id(), 0), tuple(bob.id(), 1));
    }

    /** Rows of the database that still hold the note or point at it. */
    private static int rowsOf(TestUser me, long messageId) throws Exception {
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:sqlite:" + server.dataDir().resolve("chapar.db"))) {
            int n = 0;
            for (String table :
                    List.of("messages", "box_events", "hidden_messages", "sent_random_ids")) {
                String id = table.equals("messages") ? "id" : "message_id";
                try (PreparedStatement st =
                        c.prepareStatement(
                                "SELECT count(*) FROM "
                                        + table
                                        + " WHERE "
                                        + id
                                        + " = ? AND chat_id = (SELECT chat_id FROM private_chats"
                                        + " WHERE user_lo = ? AND user_hi = ?)")) {
                    st.setLong(1, messageId);
                    st.setLong(2, me.id());
                    st.setLong(3, me.id());
                    try (ResultSet rs = st.executeQuery()) {
                        n += rs.getInt(1);
                    }
                }
            }
            return n;
        }
    }
}
