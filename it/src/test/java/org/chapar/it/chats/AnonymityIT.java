package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.it.chats.RawFrames.assertNoTraceOf;
import static org.chapar.it.chats.RawFrames.bytes;
import static org.chapar.it.chats.RawFrames.drain;
import static org.chapar.it.chats.RawFrames.frameUpdatePts;
import static org.chapar.it.chats.RawFrames.indexOf;
import static org.chapar.it.chats.RawFrames.rawUser;
import static org.chapar.it.chats.RawFrames.untilPost;
import static org.chapar.it.chats.RawFrames.varint;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.GetAdminLog;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.Message;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What members receive about an anonymous post, checked in the raw bytes: no trace of the admin's
 * id (as a varint), username or display name; only the admin log, for admins, names the author.
 */
class AnonymityIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @BeforeAll
    static void largeUserIds() {
        RawFrames.largeUserIds(server);
    }

    @Test
    void aChannelPostWithoutSignaturesCarriesNothingOfItsAuthor() throws IOException {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("Zorro");
        long chat =
                create(
                                owner,
                                ChatKind.CHANNEL,
                                "Voice of the street",
                                "street_" + owner.id(),
                                admin)
                        .getChat()
                        .getId();
        promote(owner, chat, admin, AdminRights.newBuilder().setPostMessages(true).build()).join();
        RawConnection reader = rawUser(server, "reader_" + owner.id());
        reader.call(ClientFrame.newBuilder().setJoinChat(JoinChat.newBuilder().setChatId(chat)));
        drain(reader);

        long id = send(admin, chat, "the news tonight").join().getMessage().getId();

        List<byte[]> frames = untilPost(reader, "the news tonight");
        frames.add(
                bytes(
                        reader,
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder()
                                                .setPeer(Chats.peer(chat))
                                                .setLimit(50))));
        frames.add(
                bytes(
                        reader,
                        ClientFrame.newBuilder()
                                .setGetChannelDifference(
                                        GetChannelDifference.newBuilder().setChatId(chat))));
        assertNoTraceOf(admin, frames);
        Message pushed =
                ServerFrame.parseFrom(frames.get(frames.size() - 3))
                        .getUpdates()
                        .getUpdates(0)
                        .getNewMessage()
                        .getMessage();
        assertThat(pushed.getFromId()).isZero();
        assertThat(pushed.getPostAuthor()).isEmpty();
        // What is not kept on disk only the database file can show (StoreProbe), not a request.
        assertThat(
                        StoreProbe.count(
                                server,
                                "SELECT from_id FROM messages WHERE chat_id = ? AND id = ?",
                                chat,
                                id))
                .isZero();

        // the record that makes retries idempotent does not name the author either, yet a retry
        // works
        assertThat(
                        StoreProbe.count(
                                server,
                                "SELECT count(*) FROM sent_random_ids WHERE user_id = ?",
                                admin.id()))
                .isZero();
        ClientFrame.Builder retried =
                ClientFrame.newBuilder()
                        .setSendMessage(
                                org.chapar.protocol.SendMessage.newBuilder()
                                        .setPeer(Chats.peer(chat))
                                        .setText("once only")
                                        .setRandomId(777));
        long first = admin.client().call(retried).join().getSentMessage().getMessage().getId();
        assertThat(admin.client().call(retried).join().getSentMessage().getMessage().getId())
                .isEqualTo(first);
        assertThat(Chats.history(admin, chat).join().getMessagesList())
                .filteredOn(m -> m.getText().equals("once only"))
                .hasSize(1);

        // only the admin log, for admins, knows who it was
        var log =
                owner.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetAdminLog(GetAdminLog.newBuilder().setChatId(chat)))
                        .join()
                        .getAdminLog();
        assertThat(log.getEntriesList())
                .anyMatch(
                        e ->
                                e.getAction().equals("post")
                                        && e.getUserId() == admin.id()
                                        && e.getMessageId() == id);
        ServerFrame refused =
                reader.call(
                        ClientFrame.newBuilder()
                                .setGetAdminLog(GetAdminLog.newBuilder().setChatId(chat)));
        assertThat(refused.getError().getCode())
                .isEqualTo(org.chapar.protocol.ErrorCode.CHAT_ADMIN_REQUIRED);

        // purged, the post leaves its retry record pointing at nothing: a late retry is refused
        owner.client().deleteMessages(Peers.chat(chat), List.of(first), true).join();
        assertThat(
                        StoreProbe.count(
                                server,
                                "SELECT count(*) FROM sent_random_ids WHERE chat_id = ?"
                                        + " AND message_id = ?",
                                chat,
                                first))
                .isZero();
        assertFails(admin.client().call(retried), org.chapar.protocol.ErrorCode.MESSAGE_NOT_FOUND);
    }

    @Test
    void withSignaturesOnAPostCarriesTheAuthorsName() throws IOException {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("Signer");
        long chat =
                create(owner, ChatKind.CHANNEL, "Signed", "signed_" + owner.id(), admin)
                        .getChat()
                        .getId();
        promote(owner, chat, admin, AdminRights.newBuilder().setPostMessages(true).build()).join();
        Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setSignatures(true)).join();
        RawConnection reader = rawUser(server, "sreader_" + owner.id());
        reader.call(ClientFrame.newBuilder().setJoinChat(JoinChat.newBuilder().setChatId(chat)));

        send(admin, chat, "signed post").join();
        List<byte[]> frames = untilPost(reader, "signed post");
        Message m =
                ServerFrame.parseFrom(frames.get(frames.size() - 1))
                        .getUpdates()
                        .getUpdates(0)
                        .getNewMessage()
                        .getMessage();
        assertThat(m.getPostAuthor()).isEqualTo("Signer");
        assertThat(m.getFromId()).isZero();
    }

    @Test
    void anAnonymousGroupAdminPostsAsTheGroup() throws IOException {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("Shadow");
        RawConnection member = rawUser(server, "gmember_" + owner.id());
        var memberUser =
                member.call(
                                ClientFrame.newBuilder()
                                        .setGetMe(org.chapar.protocol.GetMe.getDefaultInstance()))
                        .getUser();
        long chat =
                owner.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setCreateChat(
                                                org.chapar.protocol.CreateChat.newBuilder()
                                                        .setKind(ChatKind.GROUP)
                                                        .setTitle("Neighbours")
                                                        .addMembers(Peers.input(admin.user()))
                                                        .addMembers(Peers.input(memberUser))))
                        .join()
                        .getChatInfo()
                        .getChat()
                        .getId();
        promote(owner, chat, admin, AdminRights.newBuilder().setAnonymous(true).build()).join();
        drain(member);

        send(admin, chat, "meeting at eight").join();
        List<byte[]> frames = untilPost(member, "meeting at eight");
        frames.add(
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder()
                                                .setPeer(Chats.peer(chat))
                                                .setLimit(1))));
        frames.add(
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetDifference(
                                        GetDifference.newBuilder()
                                                .setPts(frameUpdatePts(frames) - 1))));
        assertNoTraceOf(admin, frames);

        // a non-anonymous admin is named: the control that the check above can fail
        TestUser named = server.newUser("Visible");
        Chats.add(owner, chat, named).join();
        promote(owner, chat, named, AdminRights.newBuilder().setPinMessages(true).build()).join();
        drain(member);
        send(named, chat, "signed by me").join();
        byte[] namedFrame = untilPost(member, "signed by me").getLast();
        Message m =
                ServerFrame.parseFrom(namedFrame)
                        .getUpdates()
                        .getUpdates(0)
                        .getNewMessage()
                        .getMessage();
        assertThat(m.getFromId()).isEqualTo(named.id());
        assertThat(indexOf(namedFrame, varint(named.id()))).isNotNegative();
        assertThat(indexOf(namedFrame, named.username().getBytes(StandardCharsets.UTF_8)))
                .isNotNegative();
    }
}
