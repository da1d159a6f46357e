package org.chapar.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

class LatencySeriesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void eachIntervalHoldsOnlyWhatWasRecordedInIt() {
        LatencySeries series = new LatencySeries(0);
        for (int i = 1; i <= 100; i++) series.record(TimeUnit.MILLISECONDS.toNanos(i));
        Interval first = series.sample(S);
        series.record(TimeUnit.MILLISECONDS.toNanos(500));
        Interval second = series.sample(2 * S);

        assertThat(first.count()).isEqualTo(100);
        assertThat(first.ratePerSecond()).isEqualTo(100.0);
        assertThat(first.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(first.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(first.maxMs()).isCloseTo(100, within(0.1));
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(second.secondsFromStart()).isEqualTo(2.0);
    }

    @Test
    void theTotalAddsUpEveryIntervalAndWhatIsDrainedAfterTheLast() {
        LatencySeries series = new LatencySeries(0);
        series.record(1_000_000);
        series.sample(S);
        series.record(3_000_000);
        series.drain();
        assertThat(series.total().getTotalCount()).isEqualTo(2);
        assertThat(series.intervals()).hasSize(1);
        assertThat(LatencySeries.ms(series.total(), 100)).isCloseTo(3, within(0.01));
    }

    @Test
    void resetForgetsTheWarmUpAndRestartsTheClock() {
        LatencySeries series = new LatencySeries(0);
        series.record(9_000_000);
        series.sample(S);
        series.record(9_000_000);
        series.reset(5 * S);
        series.record(2_000_000);
        Interval after = series.sample(6 * S);
        assertThat(series.intervals()).containsExactly(after);
        assertThat(after.secondsFromStart()).isEqualTo(1.0);
        assertThat(series.total().getTotalCount()).isEqualTo(1);
    }

    @Test
    void keepsMicrosecondResolutionAndClampsAbsurdValues() {
        LatencySeries series = new LatencySeries(0);
        series.record(250_000); // 0.25 ms
        series.record(TimeUnit.HOURS.toNanos(5)); // beyond the range: counted as one hour
        series.record(-5); // clock skew: counted as zero
        series.drain();
        assertThat(series.total().getTotalCount()).isEqualTo(3);
        assertThat(LatencySeries.ms(series.total(), 50)).isCloseTo(0.25, within(0.001));
        assertThat(series.total().getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.HOURS.toMicros(1));
    }

    @Test
    void anEmptyIntervalReportsZeroes() {
        Interval empty = new LatencySeries(0).sample(S);
        assertThat(empty.count()).isZero();
        assertThat(empty.p99Ms()).isZero();
        assertThat(empty.maxMs()).isZero();
    }
}
