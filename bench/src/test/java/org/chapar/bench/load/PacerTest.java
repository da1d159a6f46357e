package org.chapar.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long START = 1_000_000_000L;

    @Test
    void spacesOperationsEvenlyFromTheStart() {
        Pacer pacer = new Pacer(1000, START);
        assertThat(pacer.intendedNanos(0)).isEqualTo(START);
        assertThat(pacer.intendedNanos(1)).isEqualTo(START + 1_000_000);
        assertThat(pacer.intendedNanos(1000)).isEqualTo(START + 1_000_000_000);
    }

    @Test
    void nothingIsDueBeforeTheStart() {
        assertThat(new Pacer(1000, START).due(START - 1)).isZero();
    }

    @Test
    void dueCountsWhatTheScheduleOwesAndTakingPaysItOff() {
        Pacer pacer = new Pacer(1000, START);
        assertThat(pacer.due(START)).isEqualTo(1);
        assertThat(pacer.due(START + 9_999_999)).isEqualTo(10);
        for (int i = 0; i < 10; i++) pacer.take();
        assertThat(pacer.due(START + 9_999_999)).isZero();
        assertThat(pacer.due(START + 10_000_000)).isEqualTo(1);
    }

    @Test
    void aStalledSenderKeepsTheIntendedTimesSoLatencyIncludesTheStall() {
        Pacer pacer = new Pacer(100, START);
        long afterStall = START + 500_000_000L; // nobody sent for half a second
        assertThat(pacer.due(afterStall)).isEqualTo(51);
        assertThat(pacer.take()).isEqualTo(START);
        assertThat(pacer.take()).isEqualTo(START + 10_000_000);
        assertThat(pacer.taken()).isEqualTo(2);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new Pacer(0, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
