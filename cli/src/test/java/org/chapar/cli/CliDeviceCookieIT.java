package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.SyncState;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Login;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A profile keeps the device cookie (in the SDK's state), so strangers' guesses cannot lock its
 * owner out.
 */
class CliDeviceCookieIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withRateLimits(
                                    config.rateLimits()
                                            // the per-username bucket is under test
                                            .withLoginPerAddress(new RateLimits.Rule(100_000, 1))));

    @TempDir Path home;

    private CliRun chapar(String stdin, String... args) {
        return CliRun.run(home, stdin, args);
    }

    private CliRun login(String profile, String name) {
        return chapar(
                "password-" + name + "\n",
                "--profile",
                profile,
                "login",
                name,
                "--server",
                "http://127.0.0.1:" + server.port(),
                "--password-stdin");
    }

    /** Wrong guesses from a stranger until the username's bucket refuses. */
    private static void lockOut(String name) {
        RawConnection c = server.track(RawConnection.open(server.uri()));
        for (int i = 0; ; i++) {
            ServerFrame f =
                    c.call(
                            ClientFrame.newBuilder()
                                    .setLogin(
                                            Login.newBuilder()
                                                    .setUsername(name)
                                                    .setPassword("guess-" + i)));
            assertThat(f.hasError()).as("a guess logged in: %s", f).isTrue();
            if (f.getError().getCode() == ErrorCode.FLOOD_WAIT) {
                return;
            }
        }
    }

    @Test
    void theProfilesCookieLogsInThroughALockThatAStrangerCaused() {
        String name = "owner_cookie";
        CliRun reg =
                chapar(
                        "password-" + name + "\n",
                        "--profile",
                        "owner",
                        "register",
                        name,
                        "--server",
                        "http://127.0.0.1:" + server.port(),
                        "--password-stdin");
        assertThat(reg.exit()).as(reg.err()).isZero();
        lockOut(name);

        CliRun fresh = login("elsewhere", name);
        assertThat(fresh.exit()).isNotZero();
        assertThat(fresh.err()).contains("FLOOD_WAIT");

        CliRun back = login("owner", name);
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).startsWith("Logged in as @" + name);
    }

    @Test
    void aProfileWhoseCookieIsInTheOldFileLogsInWithItOnceAndKeepsItInTheSdkState()
            throws Exception {
        String name = "legacy_owner";
        CliRun.register(home, server.port(), "old", name);
        // the layout an older CLI left: the cookie in device.cookie, none in sync.properties
        Path dir = home.resolve("profiles/old");
        SyncStateStore store = SyncStateStore.file(dir.resolve("sync.properties"));
        SyncState registered = store.load();
        String cookie = registered.deviceCookie(name);
        assertThat(cookie).isNotEmpty();
        Files.writeString(dir.resolve("device.cookie"), cookie);
        store.save(
                new SyncState(
                        registered.pts(),
                        registered.token(),
                        registered.userId(),
                        registered.channelPts()));
        lockOut(name);

        CliRun back = login("old", name);
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(dir.resolve("device.cookie")).doesNotExist();
        assertThat(store.load().deviceCookie(name)).isEqualTo(cookie);

        CliRun logout = chapar("", "--profile", "old", "logout");
        assertThat(logout.exit()).as(logout.err()).isZero();
        CliRun again = login("old", name);
        assertThat(again.exit()).as(again.err()).isZero();
    }
}
