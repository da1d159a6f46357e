package org.chapar.server.bus.nats;

import java.util.concurrent.CompletableFuture;

/**
 * Round trips to the NATS server, shared by their callers. A caller's future completes when a flush
 * that began after it asked has come back, so everything its thread sent before asking (its SUBs)
 * has been processed by the server. At most one flush is in flight, on a virtual thread of its own;
 * every caller that asks meanwhile waits for the next one, which serves them all: a reconnect storm
 * of logins makes a few flushes, not one per login.
 */
final class SharedFlush {

    /** A blocking round trip: {@code Connection.flush}. */
    interface RoundTrip {
        void run() throws Exception;
    }

    private final RoundTrip roundTrip;
    private CompletableFuture<Void> next; // the callers waiting for a flush that has not begun
    private boolean flushing;

    SharedFlush(RoundTrip roundTrip) {
        this.roundTrip = roundTrip;
    }

    CompletableFuture<Void> request() {
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            CompletableFuture<Void> mine = next;
            if (!flushing) {
                flushing = true;
                Thread.ofVirtual().name("bus-flush").start(this::drain);
            }
            return mine;
        }
    }

    private void drain() {
        while (true) {
            CompletableFuture<Void> batch;
            synchronized (this) {
                batch = next;
                next = null;
                if (batch == null) {
                    flushing = false;
                    return;
                }
            }
            try {
                roundTrip.run();
                batch.complete(null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                batch.completeExceptionally(e);
            }
        }
    }
}
