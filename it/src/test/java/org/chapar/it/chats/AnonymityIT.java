package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.send;

import com.google.protobuf.CodedOutputStream;

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
import org.chapar.protocol.Ping;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What members receive about an anonymous post, checked in the raw bytes: no trace of the admin's
 * id (as a varint), username or display name; only the admin log, for admins, names the author.
 */
class AnonymityIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @BeforeAll
    static void largeUserIds() {
        // Ids past 2^32 are five-byte varints: if one turns up in a frame, it is not by chance.
        // No request makes ids large, so this setup writes the SQLite file (StoreProbe).
        server.newUser("first").client().close();
        StoreProbe.execute(
                server, "UPDATE sqlite_sequence SET seq = 7777777777 WHERE name = 'users'");
    }

    private static RawConnection rawUser(String name) {
        RawConnection raw = server.track(RawConnection.open(server.uri()));
        ServerFrame auth =
                raw.call(
                        ClientFrame.newBuilder()
                                .setRegister(
                                        Register.newBuilder()
                                                .setUsername(name)
                                                .setPassword("password-" + name)
                                                .setDevice("raw")));
        assertThat(auth.hasAuthorization()).as("%s", auth).isTrue();
        // the tests add these users to chats without having talked to them first
        raw.call(
                ClientFrame.newBuilder()
                        .setSetPrivacy(
                                org.chapar.protocol.SetPrivacy.newBuilder()
                                        .setGroupInvites(
                                                org.chapar.protocol.PrivacyAudience.EVERYBODY)));
        return raw;
    }

    /** Reads every frame already sent, so that what follows is only what comes next. */
    private static void drain(RawConnection raw) {
        raw.call(ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(1)));
    }

    /** Raw frames until the push of the message with this text, inclusive. */
    private static List<byte[]> untilPost(RawConnection raw, String text) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        while (true) {
            byte[] b = raw.nextBytes();
            frames.add(b);
            ServerFrame f = ServerFrame.parseFrom(b);
            if (f.hasUpdates()
                    && f.getUpdates().getUpdatesList().stream()
                            .anyMatch(
                                    u ->
                                            u.hasNewMessage()
                                                    && u.getNewMessage()
                                                            .getMessage()
                                                            .getText()
                                                            .equals(text))) {
                return frames;
            }
        }
    }

    private static byte[] varint(long v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeUInt64NoTag(v);
        c.flush();
        return out.toByteArray();
    }

    private static void assertNoTraceOf(TestUser admin, List<byte[]> frames) throws IOException {
        assertThat(admin.id()).isGreaterThan(1L << 32);
        byte[][] needles = {
            varint(admin.id()),
            admin.username().getBytes(StandardCharsets.UTF_8),
            admin.user().getDisplayName().getBytes(StandardCharsets.UTF_8)
        };
        for (byte[] frame : frames) {
            for (byte[] needle : needles) {
                assertThat(indexOf(frame, needle))
                        .as(
                                "frame %s contains %s",
                                ServerFrame.parseFrom(frame),
                                new String(needle, StandardCharsets.ISO_8859_1))
                        .isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
        RawConnection reader = rawUser("reader_" + owner.id());
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
        RawConnection reader = rawUser("sreader_" + owner.id());
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
        RawConnection member = rawUser("gmember_" + owner.id());
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

    @Test
    void whoAddedAMemberOrMadeTheirLinkIsNowhereInTheirFrames() throws IOException {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("Inviter");
        long channel = create(owner, ChatKind.CHANNEL, "Bulletin", "", admin).getChat().getId();
        promote(owner, channel, admin, AdminRights.newBuilder().setInviteUsers(true).build())
                .join();
        RawConnection added = rawUser("cadded_" + owner.id());
        Chats.add(admin, channel, userOf(added)).join();
        String hash =
                admin.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setCreateInviteLink(
                                                org.chapar.protocol.CreateInviteLink.newBuilder()
                                                        .setChatId(channel)))
                        .join()
                        .getInviteLink()
                        .getHash();
        RawConnection linked = rawUser("clinked_" + owner.id());
        List<byte[]> frames = new ArrayList<>();
        frames.add(
                bytes(
                        linked,
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setInviteHash(hash))));
        frames.add(bytes(linked, getChat(channel)));
        frames.add(bytes(added, getChat(channel)));
        assertNoTraceOf(admin, frames);

        // an anonymous group admin adds a member: the push, the history and the member's own
        // standing carry nothing of them
        TestUser shadow = server.newUser("Phantom");
        long group = create(owner, ChatKind.SUPERGROUP, "Block", "", shadow).getChat().getId();
        promote(
                        owner,
                        group,
                        shadow,
                        AdminRights.newBuilder().setAnonymous(true).setInviteUsers(true).build())
                .join();
        RawConnection member = rawUser("gadded_" + owner.id());
        // (before this, the history names shadow as a member the owner added: that is no secret)
        long before = owner.client().call(getChat(group)).join().getChatInfo().getChat().getPts();
        Chats.add(shadow, group, userOf(member)).join();
        frames = new ArrayList<>();
        frames.add(bytes(member, getChat(group)));
        byte[] newest =
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder()
                                                .setPeer(Chats.peer(group))
                                                .setLimit(1)));
        Message addition = ServerFrame.parseFrom(newest).getMessages().getMessages(0);
        assertThat(addition.getAction().getType())
                .isEqualTo(org.chapar.protocol.MessageAction.Type.MEMBERS_ADDED);
        assertThat(addition.getFromId()).isZero();
        frames.add(newest);
        frames.add(
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetChannelDifference(
                                        GetChannelDifference.newBuilder()
                                                .setChatId(group)
                                                .setPts(before))));
        assertNoTraceOf(shadow, frames);
    }

    private static ClientFrame.Builder getChat(long chat) {
        return ClientFrame.newBuilder()
                .setGetChat(org.chapar.protocol.GetChat.newBuilder().setChatId(chat));
    }

    /** A raw connection's user as the chat helpers take it (only the id is used). */
    private static TestUser userOf(RawConnection raw) {
        org.chapar.protocol.User me =
                raw.call(
                                ClientFrame.newBuilder()
                                        .setGetMe(org.chapar.protocol.GetMe.getDefaultInstance()))
                        .getUser();
        return new TestUser(null, me, me.getUsername(), "", "", null);
    }

    private static long frameUpdatePts(List<byte[]> frames) throws IOException {
        for (byte[] b : frames) {
            ServerFrame f = ServerFrame.parseFrom(b);
            if (f.hasUpdates()
                    && f.getUpdates().getUpdatesCount() > 0
                    && f.getUpdates().getUpdates(0).hasNewMessage()) {
                return f.getUpdates().getUpdates(0).getPts();
            }
        }
        throw new AssertionError("no message push");
    }

    private static byte[] bytes(RawConnection raw, ClientFrame.Builder request) {
        long id = raw.send(request);
        while (true) {
            byte[] b = raw.nextBytes();
            try {
                if (ServerFrame.parseFrom(b).getId() == id) {
                    return b;
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
