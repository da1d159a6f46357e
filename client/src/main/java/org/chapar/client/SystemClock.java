package org.chapar.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock: {@link System#nanoTime} and the JDK's shared delay thread, which only hands the
 * task over to its executor (the link's thread) when it is due.
 */
final class SystemClock implements ClientClock {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos, Executor on) {
        // A cancelled future does not run its task, even when the delay thread hands it over.
        CompletableFuture<Void> f =
                CompletableFuture.runAsync(
                        task,
                        CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, on));
        return () -> f.cancel(false);
    }
}
