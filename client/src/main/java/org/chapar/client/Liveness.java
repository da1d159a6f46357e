package org.chapar.client;

import java.util.concurrent.TimeUnit;

/**
 * Whether the open connection still reaches the server. A connection can die without a word (a
 * middlebox drops it, a route goes away, a server leaves a socket open): with nothing coming back,
 * the link would wait on it and its requests would never be answered. So the link pings every 30 s,
 * and while any request waits for its answer it asks sooner: a ping once nothing has come for 10 s,
 * and the connection is given up after 20 s without a byte from the server. The server answers a
 * ping at once however slow the request is, and every byte counts (a large answer arriving slowly
 * too), so a live server on a slow network is not given up. With nothing waiting, 75 s of silence.
 * Confined to the link thread.
 */
final class Liveness {
    static final long CHECK_EVERY_MS = 5_000;
    static final long PING_INTERVAL_MS = 30_000;
    static final long DEAD_AFTER_MS = 75_000;
    static final long WAITING_PING_AFTER_MS = 10_000;
    static final long WAITING_DEAD_AFTER_MS = 20_000;

    /** What liveness asks of the link. */
    interface Link {
        ClientClock.Timer later(long delayNanos, Runnable task);

        /** Whether a request sent on this connection still waits for its answer. */
        boolean awaitingAnswers();

        void ping();

        /** Gives the connection up. */
        void dead(String why);
    }

    private final ClientClock clock;
    private final Link link;
    private long lastHeard;
    private long lastPing;
    private ClientClock.Timer timer;

    Liveness(ClientClock clock, Link link) {
        this.clock = clock;
        this.link = link;
    }

    /** A connection is open: its silence counts from now. */
    void start() {
        stop();
        lastHeard = lastPing = clock.nanoTime();
        schedule();
    }

    /** Something came from the server (a frame or part of one). */
    void heard() {
        lastHeard = clock.nanoTime();
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void schedule() {
        timer = link.later(TimeUnit.MILLISECONDS.toNanos(CHECK_EVERY_MS), this::check);
    }

    private void check() {
        timer = null;
        long now = clock.nanoTime();
        long silentMs = TimeUnit.NANOSECONDS.toMillis(now - lastHeard);
        long sincePingMs = TimeUnit.NANOSECONDS.toMillis(now - lastPing);
        boolean waiting = link.awaitingAnswers();
        if (silentMs > DEAD_AFTER_MS || waiting && silentMs > WAITING_DEAD_AFTER_MS) {
            link.dead(
                    "nothing from the server for "
                            + silentMs
                            + " ms"
                            + (waiting ? " while a request waited" : ""));
            return;
        }
        schedule();
        if (sincePingMs >= PING_INTERVAL_MS
                || waiting
                        && silentMs >= WAITING_PING_AFTER_MS
                        && sincePingMs >= WAITING_PING_AFTER_MS) {
            lastPing = now;
            link.ping();
        }
    }
}
