package org.chapar.client;

import java.util.concurrent.Executor;

/**
 * The SDK's one source of time: a monotonic reading and one-shot timers on it. The link's ping,
 * reconnect backoff, retries and the sequencers' gap waits all use it, so a test can move them by
 * hand instead of sleeping.
 */
interface ClientClock {

    /** Nanoseconds on a monotonic scale: only differences mean something. */
    long nanoTime();

    /** Hands {@code task} to {@code on} once {@code delayNanos} have passed. */
    Timer schedule(Runnable task, long delayNanos, Executor on);

    /** A scheduled task that has not run yet. */
    interface Timer {
        /** The task will not run (if it has not been handed over already). */
        void cancel();
    }
}
