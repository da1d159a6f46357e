package org.chapar.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimits;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class LoginGuardTest {
    private final Clock frozen = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
    private final RateLimits limits =
            RateLimits.defaults()
                    .withLoginPerUsername(new RateLimits.Rule(3, 1))
                    .withLoginPerAddress(new RateLimits.Rule(100, 1));

    private static void assertFloodWait(Runnable r) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FLOOD_WAIT));
    }

    @Test
    void attemptsCountWhenTheyArriveNotWhenTheirHashIsDone() {
        LoginGuard guard = new LoginGuard(limits, frozen, 100);
        for (int i = 0; i < 3; i++) {
            guard.login("alice", "addr", null).close();
        }
        assertFloodWait(() -> guard.login("alice", "addr", null));
        guard.login("bob_1", "addr", null).close();
    }

    @Test
    void aCorrectPasswordGivesItsAttemptBack() {
        LoginGuard guard = new LoginGuard(limits, frozen, 100);
        for (int i = 0; i < 10; i++) {
            try (LoginGuard.Attempt a = guard.login("alice", "addr", null)) {
                a.succeeded();
            }
        }
        guard.login("alice", "addr", null).close();
    }

    @Test
    void oneHashPerUsernameAndABoundInAllRunAtOnce() {
        LoginGuard guard = new LoginGuard(limits, frozen, 2);
        LoginGuard.Attempt running = guard.login("alice", "addr", null);
        // refused for want of a slot, the attempt still took alice's second token
        assertFloodWait(() -> guard.login("alice", "addr", null));
        LoginGuard.Attempt other = guard.login("bob_1", "addr", null);
        assertFloodWait(() -> guard.login("carol", "addr", null));
        running.close();
        other.close();
        guard.login("carol", "addr", null).close();
        guard.login("alice", "addr", null).close();
        assertFloodWait(() -> guard.login("alice", "addr", null));
    }

    @Test
    void aKnownDeviceHasItsOwnBudget() {
        LoginGuard guard = new LoginGuard(limits, frozen, 100);
        for (int i = 0; i < 3; i++) {
            guard.login("alice", "addr", null).close();
        }
        assertFloodWait(() -> guard.login("alice", "addr", null));
        guard.login("alice", "addr", new byte[] {1, 2, 3}).close();
    }
}
