package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertError;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import com.google.protobuf.UnknownFieldSet;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetMe;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Ping;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.UpdateProfile;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;

/** Every kind of bad input gets a clear error and harms nobody else. */
class BadInputIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private RawConnection raw() {
        return server.track(RawConnection.open(server.uri()));
    }

    private static ClientFrame.Builder ping() {
        return ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(42));
    }

    private static void stillServes(RawConnection c) {
        assertThat(c.call(ping()).getPong().getPayload()).isEqualTo(42);
    }

    @Test
    void bytesThatAreNotProtobufAreRefusedAndTheConnectionStaysUsable() {
        RawConnection c = raw();
        c.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertError(c.next(), ErrorCode.MALFORMED_FRAME);
        stillServes(c);
    }

    @Test
    void textFramesAreRefused() {
        RawConnection c = raw();
        c.sendText("{\"hello\": 1}");
        assertError(c.next(), ErrorCode.MALFORMED_FRAME);
        stillServes(c);
    }

    @Test
    void anUnknownRequestKindIsNamedAsSuch() {
        RawConnection c = raw();
        ClientFrame.Builder future =
                ClientFrame.newBuilder()
                        .setId(77)
                        .setUnknownFields(
                                UnknownFieldSet.newBuilder()
                                        .addField(
                                                777,
                                                UnknownFieldSet.Field.newBuilder()
                                                        .addVarint(1)
                                                        .build())
                                        .build());
        c.sendBytes(future.build().toByteArray());
        ServerFrame answer = c.next();
        assertThat(answer.getId()).isEqualTo(77);
        assertError(answer, ErrorCode.UNKNOWN_REQUEST);
        stillServes(c);
    }

    @Test
    void aRequestWithoutIdIsRefused() {
        RawConnection c = raw();
        c.sendBytes(ping().setId(0).build().toByteArray());
        assertError(c.next(), ErrorCode.BAD_REQUEST);
    }

    @Test
    void requestsBeforeLoginNeedAuth() {
        RawConnection c = raw();
        assertError(
                c.call(ClientFrame.newBuilder().setGetMe(GetMe.getDefaultInstance())),
                ErrorCode.AUTH_REQUIRED);
    }

    @Test
    void aFrameOverTheLimitIsRefusedWithoutClosing() {
        RawConnection c = raw();
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) 1);
        c.sendBytes(big);
        assertError(c.next(), ErrorCode.FRAME_TOO_LARGE);
        stillServes(c);
    }

    @Test
    void aFrameOverTheLimitIsAnsweredUnderItsRequestId() {
        RawConnection c = raw();
        ClientFrame.Builder big =
                ClientFrame.newBuilder()
                        .setId(c.nextId())
                        .setUpdateProfile(
                                UpdateProfile.newBuilder().setDisplayName("x".repeat(100 * 1024)));
        long id = c.send(big);
        ServerFrame answer = c.next();
        assertThat(answer.getId()).isEqualTo(id);
        assertError(answer, ErrorCode.FRAME_TOO_LARGE);
        stillServes(c);
    }

    @Test
    void aHugeFrameClosesOnlyItsOwnConnection() {
        RawConnection bystander = raw();
        RawConnection c = raw();
        try {
            c.sendBytes(new byte[2 * 1024 * 1024]);
        } catch (java.util.concurrent.CompletionException closedWhileSending) {
            // the server may close before the client has written the whole frame
        }
        assertThat(c.awaitClose(Duration.ofSeconds(10))).isIn(1009, -1);
        stillServes(bystander);
        stillServes(raw());
    }

    @Test
    void textsOverFourThousandNinetySixCharactersAreRefused() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        assertFails(
                alice.client().sendMessage(bob.peer(), "x".repeat(4097)),
                ErrorCode.MESSAGE_TOO_LONG);
        // the limit counts characters (code points), not UTF-16 units or bytes
        String emoji = "\uD83D\uDE00".repeat(4096);
        assertThat(alice.client().sendMessage(bob.peer(), emoji).join().getMessage().getText())
                .isEqualTo(emoji);
    }

    @Test
    void emptyTextsAreRefused() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        assertFails(alice.client().sendMessage(bob.peer(), "   "), ErrorCode.MESSAGE_EMPTY);
    }

    @Test
    void sendsToUnknownUsersAndWithoutAPeerAreRefused() {
        TestUser alice = server.newUser("alice");
        assertFails(
                alice.client().sendMessage(Peer.newBuilder().setUserId(1L << 40).build(), "hi"),
                ErrorCode.USER_NOT_FOUND);
        assertFails(
                alice.client().sendMessage(Peer.getDefaultInstance(), "hi"),
                ErrorCode.PEER_INVALID);
    }

    @Test
    void onlyTheSenderMayEditAMessage() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long id = alice.client().sendMessage(bob.peer(), "original").join().getMessage().getId();

        assertFails(
                bob.client().editMessage(alice.peer(), id, "forged"),
                ErrorCode.MESSAGE_EDIT_FORBIDDEN);
        assertThat(
                        alice.client()
                                .editMessage(bob.peer(), id, "fixed")
                                .join()
                                .getMessage()
                                .getText())
                .isEqualTo("fixed");
        assertThat(bob.client().getHistory(alice.peer(), 0, 10).join().getMessages(0).getText())
                .isEqualTo("fixed");
    }

    @Test
    void wrongPasswordsAreRefusedAndThenRateLimitedPerUsername() {
        TestUser victim = server.newUser("victim");
        for (int i = 0; i < 5; i++) {
            ChaparClient c = server.client();
            c.connect().join();
            assertFails(
                    c.login(victim.username(), "wrong-password-" + i, "guess"),
                    ErrorCode.INVALID_CREDENTIALS);
        }
        ChaparClient c = server.client();
        c.connect().join();
        var flood =
                assertFails(
                        c.login(victim.username(), victim.password(), "guess"),
                        ErrorCode.FLOOD_WAIT);
        assertThat(flood.retryAfterMs()).isPositive();

        // another account is not locked out by the attack on this one
        TestUser other = server.newUser("other");
        ChaparClient d = server.client();
        d.connect().join();
        assertThat(d.login(other.username(), other.password(), "ok").join().getUser().getId())
                .isEqualTo(other.id());
    }

    @Test
    void unknownUsernamesGetTheSameAnswerAsWrongPasswords() {
        ChaparClient c = server.client();
        c.connect().join();
        assertFails(
                c.login("nobody_here_at_all", "whatever-password", "x"),
                ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void registrationChecksUsernameAndPassword() {
        TestUser taken = server.newUser("taken");
        ChaparClient c = server.client();
        c.connect().join();
        assertFails(c.register("abc", "long-enough-pw", null, "x"), ErrorCode.USERNAME_INVALID);
        assertFails(
                c.register("has space", "long-enough-pw", null, "x"), ErrorCode.USERNAME_INVALID);
        assertFails(
                c.register("a".repeat(33), "long-enough-pw", null, "x"),
                ErrorCode.USERNAME_INVALID);
        assertFails(c.register("valid_name_1", "short", null, "x"), ErrorCode.PASSWORD_INVALID);
        assertFails(
                c.register(taken.username().toUpperCase(), "long-enough-pw", null, "x"),
                ErrorCode.USERNAME_TAKEN);
    }
}
