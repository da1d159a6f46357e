package org.chapar.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latencies recorded from any thread (wait-free on the recording side) and sampled into
 * per-interval histograms for the over-time charts, plus one histogram of the whole run. Values are
 * kept in microseconds, up to one hour, three significant digits.
 */
public final class LatencySeries {
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final List<Interval> intervals = new ArrayList<>();
    private long originNanos;
    private long lastSampleNanos;
    private Histogram reuse;

    public LatencySeries(long originNanos) {
        this.originNanos = originNanos;
        this.lastSampleNanos = originNanos;
    }

    /** Records one latency; values over an hour are clamped rather than lost. */
    public void record(long latencyNanos) {
        long micros = Math.max(0, latencyNanos / 1_000);
        recorder.recordValue(Math.min(micros, MAX_MICROS));
    }

    /** Closes the current interval (call about once a second from one thread). */
    public synchronized Interval sample(long nowNanos) {
        reuse = recorder.getIntervalHistogram(reuse);
        total.add(reuse);
        double seconds = Math.max(1e-9, (nowNanos - lastSampleNanos) / 1e9);
        Interval interval =
                new Interval(
                        (nowNanos - originNanos) / 1e9,
                        reuse.getTotalCount(),
                        reuse.getTotalCount() / seconds,
                        ms(reuse, 50),
                        ms(reuse, 99),
                        ms(reuse, 99.9),
                        reuse.getTotalCount() == 0 ? 0 : reuse.getMaxValue() / 1000.0);
        intervals.add(interval);
        lastSampleNanos = nowNanos;
        return interval;
    }

    /** Folds what was recorded since the last interval into the total, without a new interval. */
    public synchronized void drain() {
        reuse = recorder.getIntervalHistogram(reuse);
        total.add(reuse);
    }

    /** Drops everything recorded so far (the end of a warm-up). */
    public synchronized void reset(long nowNanos) {
        recorder.reset();
        total.reset();
        intervals.clear();
        lastSampleNanos = nowNanos;
        originNanos = nowNanos;
    }

    public synchronized Histogram total() {
        return total.copy();
    }

    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    public static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
