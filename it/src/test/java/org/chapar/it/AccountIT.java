package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertError;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetMe;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Session;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

/** Accounts, sessions, the user directory, presence and typing. */
class AccountIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private ServerFrame authenticateRaw(String token) {
        RawConnection c = server.track(RawConnection.open(server.uri()));
        return c.call(
                ClientFrame.newBuilder()
                        .setAuthenticate(Authenticate.newBuilder().setToken(token)));
    }

    @Test
    void aSessionTokenWorksOnANewConnectionAndSurvivesARestart() {
        TestUser alice = server.newUser("alice");
        assertThat(authenticateRaw(alice.token()).getAuthorization().getUser().getId())
                .isEqualTo(alice.id());
        server.restart();
        ServerFrame again = authenticateRaw(alice.token());
        assertThat(again.getAuthorization().getUser().getUsername()).isEqualTo(alice.username());
        assertThat(again.getAuthorization().getToken())
                .as("the token is only ever shown at login")
                .isEmpty();
        assertError(authenticateRaw("not-a-token"), ErrorCode.AUTH_INVALID);
    }

    @Test
    void sessionsAreListedAndARevokedOneIsClosedAndUnusable() {
        TestUser alice = server.newUser("alice");
        TestUser phone = server.newDevice(alice);
        RawConnection phoneSocket = server.track(RawConnection.open(server.uri()));
        phoneSocket.call(
                ClientFrame.newBuilder()
                        .setAuthenticate(Authenticate.newBuilder().setToken(phone.token())));

        List<Session> sessions = alice.client().getSessions().join();
        assertThat(sessions).hasSize(2);
        assertThat(sessions).filteredOn(Session::getCurrent).hasSize(1);
        long phoneSession =
                sessions.stream().filter(s -> !s.getCurrent()).findFirst().orElseThrow().getId();

        alice.client().revokeSession(phoneSession).join();

        ServerFrame push = phoneSocket.nextPush();
        assertThat(push.getUpdates().getUpdates(0).hasSessionRevoked()).isTrue();
        assertThat(phoneSocket.awaitClose(Duration.ofSeconds(5))).isEqualTo(1000);
        assertError(authenticateRaw(phone.token()), ErrorCode.AUTH_INVALID);
        assertThat(alice.client().getSessions().join()).hasSize(1);
    }

    @Test
    void nobodyCanRevokeAnotherUsersSession() {
        TestUser alice = server.newUser("alice");
        TestUser mallory = server.newUser("mallory");
        long aliceSession = alice.client().getSessions().join().get(0).getId();
        assertFails(mallory.client().revokeSession(aliceSession), ErrorCode.SESSION_NOT_FOUND);
        assertThat(authenticateRaw(alice.token()).hasAuthorization()).isTrue();
    }

    @Test
    void logoutInvalidatesTheToken() {
        TestUser alice = server.newUser("alice");
        alice.client().logout().join();
        assertError(authenticateRaw(alice.token()), ErrorCode.AUTH_INVALID);
    }

    @Test
    void usersAreFoundByUsernamePrefixWithoutCase() {
        TestUser searcher = server.newUser("searcher");
        TestUser zed = server.newUser("zedonly");
        List<User> found = searcher.client().searchUsers("ZEDON", 10).join();
        assertThat(found).extracting(User::getId).containsExactly(zed.id());
        assertThat(
                        searcher.client()
                                .resolveUsername("@" + zed.username().toUpperCase())
                                .join()
                                .getId())
                .isEqualTo(zed.id());
        assertFails(
                searcher.client().resolveUsername("no_such_user_here"), ErrorCode.USER_NOT_FOUND);
    }

    @Test
    void whoAmIAnswersOnlyAfterLogin() {
        TestUser alice = server.newUser("alice");
        User me = alice.client().getMe().join();
        assertThat(me.getSelf()).isTrue();
        assertThat(me.getUsername()).isEqualTo(alice.username());
        RawConnection anonymous = server.track(RawConnection.open(server.uri()));
        assertError(
                anonymous.call(ClientFrame.newBuilder().setGetMe(GetMe.getDefaultInstance())),
                ErrorCode.AUTH_REQUIRED);
    }

    @Test
    void peersSeeOnlineAndLastSeenAndTyping() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "hi").join();
        // bob's status is alice's to see once bob has written to her (see PresencePrivacyIT)
        bob.client().sendMessage(alice.peer(), "hello").join();
        assertThat(alice.client().resolveUsername(bob.username()).join().getStatus().getOnline())
                .isTrue();

        bob.client().setTyping(alice.peer(), TypingAction.TYPING).join();
        Update typing = alice.updates().awaitOne(Update::hasUserTyping);
        assertThat(typing.getUserTyping().getUserId()).isEqualTo(bob.id());
        assertThat(typing.getPts()).as("typing is ephemeral").isZero();

        bob.client().close();
        Update offline =
                alice.updates().awaitOne(u -> u.hasUserStatus() && !u.getUserStatus().getOnline());
        assertThat(offline.getUserStatus().getUserId()).isEqualTo(bob.id());
        assertThat(offline.getUserStatus().getLastSeen()).isPositive();
        User seen = alice.client().resolveUsername(bob.username()).join();
        assertThat(seen.getStatus().getOnline()).isFalse();
        assertThat(seen.getStatus().getLastSeen()).isEqualTo(offline.getUserStatus().getLastSeen());
    }

    @Test
    void strangersSeeNeitherOnlineStatusNorLastSeenAndCannotSendTypingNotices() {
        TestUser alice = server.newUser("alice");
        TestUser stranger = server.newUser("stranger");
        User seen = stranger.client().resolveUsername(alice.username()).join();
        assertThat(seen.getStatus().getOnline()).isFalse();
        assertThat(seen.getStatus().getLastSeen()).isZero();
        assertThat(
                        stranger.client()
                                .searchUsers(alice.username(), 5)
                                .join()
                                .get(0)
                                .getStatus()
                                .getOnline())
                .isFalse();
        assertFails(
                stranger.client().setTyping(alice.peer(), TypingAction.TYPING),
                ErrorCode.PEER_INVALID);
    }

    @Test
    void revokingTheCurrentSessionAnswersAndThenLogsOut() {
        TestUser alice = server.newUser("alice");
        long current = alice.client().getSessions().join().get(0).getId();
        alice.client().revokeSession(current).join();
        assertError(authenticateRaw(alice.token()), ErrorCode.AUTH_INVALID);
    }

    @Test
    void aConnectionCannotLogInTwice() {
        TestUser alice = server.newUser("alice");
        ChaparClient c = alice.client();
        assertFails(
                c.login(alice.username(), alice.password(), "again"),
                ErrorCode.ALREADY_AUTHENTICATED);
    }
}
