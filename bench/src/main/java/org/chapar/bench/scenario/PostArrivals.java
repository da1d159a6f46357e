package org.chapar.bench.scenario;

import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a generator process's subscribers got of a channel's posts, each post's text being {@code
 * "SENT SENT P"} as {@link Channel} writes it (SENT the poster's {@code System.nanoTime()}, which
 * on Linux is CLOCK_MONOTONIC, the same in every process of the machine): per post, how many
 * arrived and the latest arrival after the send.
 */
public final class PostArrivals implements Inbox {
    /** Posts a run may time; later ones are counted as foreign. */
    public static final int MAX_POSTS = 1024;

    private final AtomicIntegerArray seen = new AtomicIntegerArray(MAX_POSTS);
    private final AtomicLongArray latest = new AtomicLongArray(MAX_POSTS);

    @Override
    public void delivered(BenchClient receiver, String text, long receivedNanos) {
        int sp = text.lastIndexOf(' ');
        if (sp < 0) {
            return;
        }
        long p = Direct.parse(text, sp + 1);
        if (p < 0 || p >= MAX_POSTS) {
            return;
        }
        long after = receivedNanos - Direct.parse(text, 0);
        latest.accumulateAndGet((int) p, after, Math::max);
        seen.incrementAndGet((int) p);
    }

    /**
     * Waits until {@code expected} subscribers have post {@code p} or {@code timeoutNanos} passed;
     * answers {@code {arrived, latest arrival after the send in nanoseconds}}.
     */
    public long[] await(int p, int expected, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (seen.get(p) < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(20); // late duplicates or stragglers
        return new long[] {seen.get(p), latest.get(p)};
    }
}
