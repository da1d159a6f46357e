package org.chapar.bench.load;

/**
 * Open-loop schedule at a fixed rate: the k-th operation is due at {@code start + k / rate}.
 * Latency is measured from that intended time, not from when the generator got round to sending, so
 * a stalled server shows up in the percentiles instead of being hidden by the generator waiting for
 * it (coordinated omission).
 */
public final class Pacer {
    private final long startNanos;
    private final double nanosPerOp;
    private long next;

    public Pacer(double opsPerSecond, long startNanos) {
        if (!(opsPerSecond > 0))
            throw new IllegalArgumentException("rate must be > 0: " + opsPerSecond);
        this.startNanos = startNanos;
        this.nanosPerOp = 1e9 / opsPerSecond;
    }

    public long intendedNanos(long k) {
        return startNanos + (long) (k * nanosPerOp);
    }

    /** Operations due by {@code nowNanos} that have not been taken yet. */
    public long due(long nowNanos) {
        if (nowNanos < startNanos) return 0;
        long dueTotal = (long) ((nowNanos - startNanos) / nanosPerOp) + 1;
        return Math.max(0, dueTotal - next);
    }

    /** Takes the next due operation and returns its intended time. */
    public long take() {
        return intendedNanos(next++);
    }

    public long taken() {
        return next;
    }
}
