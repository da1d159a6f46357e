package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw frames of anonymity tests: users on raw connections, the frames of a request, and the check
 * that an admin's id (as a varint), username and display name appear in none of them.
 */
final class RawFrames {
    private RawFrames() {}

    /**
     * Makes the server's next user ids larger than 2^32: five-byte varints, so that one turning up
     * in a frame is not there by chance. No request makes ids large, so this writes the SQLite file
     * (StoreProbe).
     */
    static void largeUserIds(ChaparServerExtension server) {
        server.newUser("first").client().close();
        StoreProbe.execute(
                server, "UPDATE sqlite_sequence SET seq = 7777777777 WHERE name = 'users'");
    }

    static RawConnection rawUser(ChaparServerExtension server, String name) {
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
    static void drain(RawConnection raw) {
        raw.call(ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(1)));
    }

    /** Raw frames until the push of the message with this text, inclusive. */
    static List<byte[]> untilPost(RawConnection raw, String text) throws IOException {
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

    static byte[] varint(long v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeUInt64NoTag(v);
        c.flush();
        return out.toByteArray();
    }

    static void assertNoTraceOf(TestUser admin, List<byte[]> frames) throws IOException {
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

    static int indexOf(byte[] hay, byte[] needle) {
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

    static ClientFrame.Builder getChat(long chat) {
        return ClientFrame.newBuilder()
                .setGetChat(org.chapar.protocol.GetChat.newBuilder().setChatId(chat));
    }

    /** A raw connection's user as the chat helpers take it (only the id is used). */
    static TestUser userOf(RawConnection raw) {
        org.chapar.protocol.User me =
                raw.call(
                                ClientFrame.newBuilder()
                                        .setGetMe(org.chapar.protocol.GetMe.getDefaultInstance()))
                        .getUser();
        return new TestUser(null, me, me.getUsername(), "", "", null);
    }

    static long frameUpdatePts(List<byte[]> frames) throws IOException {
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

    static byte[] bytes(RawConnection raw, ClientFrame.Builder request) {
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
