package org.chapar.bench.driver.chapar;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code max} connection set-ups (TLS and WebSocket handshakes) in flight, without blocking
 * the caller: a thousand TLS handshakes started at once on a two-core machine would each take
 * longer than the server's 10 s handshake timeout. The others wait in order.
 */
final class HandshakeThrottle {
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    HandshakeThrottle(int max) {
        this.max = max;
    }

    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> setUp) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start =
                () ->
                        setUp.get()
                                .whenComplete(
                                        (v, e) -> {
                                            next();
                                            if (e != null) result.completeExceptionally(e);
                                            else result.complete(v);
                                        });
        boolean now;
        synchronized (this) {
            now = running < max;
            if (now) running++;
            else waiting.add(start);
        }
        if (now) start.run();
        return result;
    }

    private void next() {
        Runnable r;
        synchronized (this) {
            r = waiting.poll();
            if (r == null) running--;
        }
        if (r != null) r.run();
    }
}
