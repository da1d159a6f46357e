package org.chapar.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

class RateLimiterTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock =
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };

    @Test
    void allowsTheBurstThenAsksToWaitForTheRefill() {
        RateLimiter limiter = new RateLimiter(new RateLimits.Rule(3, 60), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("k")).isZero();
        }
        assertThat(limiter.tryAcquire("k")).isEqualTo(1000);
        assertThatThrownBy(() -> limiter.acquire("k"))
                .isInstanceOf(ApiException.class)
                .satisfies(
                        e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.FLOOD_WAIT))
                .satisfies(e -> assertThat(((ApiException) e).retryAfterMs()).isPositive());
        now = now.plus(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isZero();
    }

    @Test
    void keysAreIndependentAndResettable() {
        RateLimiter limiter = new RateLimiter(new RateLimits.Rule(1, 1), clock);
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isPositive();
        assertThat(limiter.tryAcquire("b")).isZero();
        assertThat(limiter.waitTime("a")).isPositive();
        limiter.reset("a");
        assertThat(limiter.waitTime("a")).isZero();
    }

    @Test
    void rulesParseFromBurstSlashPerMinute() {
        assertThat(RateLimits.Rule.parse("10/120", null)).isEqualTo(new RateLimits.Rule(10, 120));
        assertThat(RateLimits.Rule.parse(null, new RateLimits.Rule(1, 2)))
                .isEqualTo(new RateLimits.Rule(1, 2));
    }
}
