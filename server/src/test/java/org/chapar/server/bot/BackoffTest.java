package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class BackoffTest {
    @Test
    void theWaitDoublesFromOneSecondUpToAMinuteAndStaysThere() {
        assertThat(Backoff.after(0)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.after(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.after(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.after(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }
}
