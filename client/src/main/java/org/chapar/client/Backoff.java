package org.chapar.client;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect backoff with jitter: attempt n waits a random time in [cap/2, cap]. */
final class Backoff {

    private final long baseMs;
    private final long maxMs;

    Backoff(long baseMs, long maxMs) {
        this.baseMs = baseMs;
        this.maxMs = maxMs;
    }

    long delayMs(int attempt) {
        long cap = Math.min(maxMs, baseMs << Math.min(attempt, 30));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }
}
