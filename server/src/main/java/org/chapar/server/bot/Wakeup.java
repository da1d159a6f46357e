package org.chapar.server.bot;

import java.util.concurrent.CompletableFuture;

/**
 * A signal a waiting round can miss nothing of: the round arms it before it reads, then waits on
 * what {@link #arm} returned; a {@link #wake} between the two completes that future already.
 */
final class Wakeup {
    private volatile CompletableFuture<Void> armed = new CompletableFuture<>();

    CompletableFuture<Void> arm() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        armed = f;
        return f;
    }

    void wake() {
        armed.complete(null);
    }
}
