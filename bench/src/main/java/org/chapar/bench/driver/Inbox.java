package org.chapar.bench.driver;

/** Receives every message delivered to a benchmark client, on that client's event loop. */
@FunctionalInterface
public interface Inbox {
    void delivered(BenchClient receiver, String text, long receivedNanos);

    Inbox IGNORE = (receiver, text, receivedNanos) -> {};
}
