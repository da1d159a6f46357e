package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

class RenewalTimeTest {
    private static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aCertificateIsDueWhenAThirdOfItsLifetimeIsLeft() {
        assertThat(RenewalTime.due(T, T.plus(Duration.ofDays(90))))
                .isEqualTo(T.plus(Duration.ofDays(60)));
        assertThat(RenewalTime.due(T, T.plus(Duration.ofDays(6))))
                .isEqualTo(T.plus(Duration.ofDays(4)));
        assertThat(RenewalTime.due(T, T.plus(Duration.ofSeconds(30))))
                .isEqualTo(T.plus(Duration.ofSeconds(20)));
    }

    @Test
    void aCertificateWhoseEndIsBeforeItsStartIsDueAtOnce() {
        assertThat(RenewalTime.due(T, T.minusSeconds(1))).isEqualTo(T);
    }

    @Test
    void failuresAreRetriedAfterOneMinuteDoublingUpToAnHour() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 100).stream().map(RenewalTime::retryAfter))
                .containsExactly(
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        Duration.ofMinutes(8),
                        Duration.ofMinutes(16),
                        Duration.ofMinutes(32),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1));
        assertThatThrownBy(() -> RenewalTime.retryAfter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRenewalMomentIsDrawnUniformlyInsideTheWindow() {
        Instant end = T.plus(Duration.ofDays(2));
        SplittableRandom random = new SplittableRandom(7);
        long firstHalf = 0;
        for (int i = 0; i < 2000; i++) {
            Instant at = RenewalTime.within(T, end, random);
            assertThat(at).isAfterOrEqualTo(T).isBefore(end);
            firstHalf += at.isBefore(T.plus(Duration.ofDays(1))) ? 1 : 0;
        }
        assertThat(firstHalf).isBetween(900L, 1100L);
        assertThatThrownBy(() -> RenewalTime.within(T, T, random))
                .hasMessageContaining("ends after it starts");
    }

    @Test
    void theWindowIsAskedForAgainAfterRetryAfterWithinBounds() {
        assertThat(RenewalTime.recheck(T, Optional.empty())).isEqualTo(T.plus(Duration.ofHours(6)));
        assertThat(RenewalTime.recheck(T, Optional.of(T.plusSeconds(90))))
                .isEqualTo(T.plusSeconds(90));
        assertThat(RenewalTime.recheck(T, Optional.of(T.minusSeconds(5))))
                .isEqualTo(T.plusSeconds(1));
        assertThat(RenewalTime.recheck(T, Optional.of(T.plus(Duration.ofDays(30)))))
                .isEqualTo(T.plus(Duration.ofDays(1)));
    }
}
