package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertError;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparClient;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Login;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Password guesses are counted when they arrive, before the slow hash, so a parallel flood gets no
 * more guesses than a sequential one; the owner's known device logs in through the lock that the
 * flood caused. The clock stands still, so no bucket refills during a test.
 */
class LoginFloodIT {
    private static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withClock(clock)
                                    .withRateLimits(
                                            config.rateLimits()
                                                    // the per-username bucket is under test
                                                    .withLoginPerAddress(
                                                            new RateLimits.Rule(100_000, 1))));

    private static final String PASSWORD = "the-owners-password";

    @TempDir Path temp;

    private static Authorization register(String username) {
        RawConnection c = server.track(RawConnection.open(server.uri()));
        ServerFrame f =
                c.call(
                        ClientFrame.newBuilder()
                                .setRegister(
                                        Register.newBuilder()
                                                .setUsername(username)
                                                .setPassword(PASSWORD)
                                                .setDevice("phone")));
        assertThat(f.hasAuthorization()).as("registered: %s", f).isTrue();
        assertThat(f.getAuthorization().getDeviceCookie()).isNotEmpty();
        return f.getAuthorization();
    }

    private static ClientFrame.Builder login(String username, String password, String cookie) {
        return ClientFrame.newBuilder()
                .setLogin(
                        Login.newBuilder()
                                .setUsername(username)
                                .setPassword(password)
                                .setDevice("laptop")
                                .setDeviceCookie(cookie));
    }

    private static ServerFrame loginOnce(String username, String password, String cookie) {
        return server.track(RawConnection.open(server.uri()))
                .call(login(username, password, cookie));
    }

    /** Sends all the logins at once over a few connections, then counts the answers by code. */
    private static Map<ErrorCode, Integer> flood(String username, int guesses, int connections) {
        List<RawConnection> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            conns.add(server.track(RawConnection.open(server.uri())));
        }
        for (int i = 0; i < guesses; i++) {
            conns.get(i % connections).send(login(username, "guess-number-" + i, ""));
        }
        Map<ErrorCode, Integer> counts = new EnumMap<>(ErrorCode.class);
        for (int i = 0; i < guesses; i++) {
            ServerFrame f = conns.get(i % connections).next();
            assertThat(f.hasError()).as("a guess logged in: %s", f).isTrue();
            counts.merge(f.getError().getCode(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanTheBucketHolds() {
        register("flood_victim");
        Map<ErrorCode, Integer> answers = flood("flood_victim", 150, 4);

        int burst = RateLimits.defaults().loginPerUsername().burst();
        assertThat(answers.getOrDefault(ErrorCode.INVALID_CREDENTIALS, 0)).isBetween(1, burst);
        assertThat(answers.get(ErrorCode.FLOOD_WAIT)).isGreaterThanOrEqualTo(150 - burst);
        assertThat(answers.keySet())
                .containsOnly(ErrorCode.INVALID_CREDENTIALS, ErrorCode.FLOOD_WAIT);
        // the right password from an unknown device is refused while the bucket is empty
        assertError(loginOnce("flood_victim", PASSWORD, ""), ErrorCode.FLOOD_WAIT);
    }

    @Test
    void theOwnersKnownDeviceLogsInThroughALockThatStrangersCaused() {
        Authorization owner = register("locked_owner");
        Authorization stranger = register("stranger_1");
        flood("locked_owner", 20, 2);
        assertError(loginOnce("locked_owner", PASSWORD, ""), ErrorCode.FLOOD_WAIT);

        ServerFrame back = loginOnce("locked_owner", PASSWORD, owner.getDeviceCookie());
        assertThat(back.hasAuthorization()).as("%s", back).isTrue();
        assertThat(back.getAuthorization().getUser().getId()).isEqualTo(owner.getUser().getId());
        // the cookie of another account is no key to this one
        assertError(
                loginOnce("locked_owner", PASSWORD, stranger.getDeviceCookie()),
                ErrorCode.FLOOD_WAIT);
        assertError(loginOnce("locked_owner", PASSWORD, "made-up-cookie"), ErrorCode.FLOOD_WAIT);
    }

    @Test
    void anSdkClientKeepsItsDeviceCookieAcrossRestartsAndLogsInThroughTheLock() {
        Path state = temp.resolve("owner.sync");
        ChaparClient first = sdkClient(state);
        String cookie =
                first.register("sdk_owner", PASSWORD, null, "phone").join().getDeviceCookie();
        first.logout().join();
        first.close();
        assertThat(SyncStateStore.file(state).load().deviceCookie("sdk_owner")).isEqualTo(cookie);
        flood("sdk_owner", 20, 2);
        assertError(loginOnce("sdk_owner", PASSWORD, ""), ErrorCode.FLOOD_WAIT);

        ChaparClient again = sdkClient(state);
        Authorization back = again.login("sdk_owner", PASSWORD, "phone").join();
        assertThat(back.getDeviceCookie()).isEqualTo(cookie);
        // a client with a state of its own is a stranger to the lock
        assertFails(
                sdkClient(temp.resolve("other.sync")).login("sdk_owner", PASSWORD, "laptop"),
                ErrorCode.FLOOD_WAIT);
    }

    private static ChaparClient sdkClient(Path state) {
        ChaparClient c = server.client(SyncStateStore.file(state));
        c.connect().join();
        return c;
    }

    @Test
    void aKnownDeviceHasABudgetOfItsOwnButNotAnEndlessOne() {
        Authorization owner = register("cookie_owner");
        int burst = RateLimits.defaults().loginPerDevice().burst();
        for (int i = 0; i < burst; i++) {
            assertError(
                    loginOnce("cookie_owner", "wrong-" + i, owner.getDeviceCookie()),
                    ErrorCode.INVALID_CREDENTIALS);
        }
        assertError(
                loginOnce("cookie_owner", PASSWORD, owner.getDeviceCookie()), ErrorCode.FLOOD_WAIT);
        // the device's guesses did not touch the username's bucket
        assertThat(loginOnce("cookie_owner", PASSWORD, "").hasAuthorization()).isTrue();
    }
}
