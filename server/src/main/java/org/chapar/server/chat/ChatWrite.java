package org.chapar.server.chat;

import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One write transaction of the chat feature: the repositories, the time it runs at, and the effects
 * (live pushes, bus subscriptions) to run once it has committed, in order.
 */
final class ChatWrite {
    final StoreTx tx;
    final long now;
    final long nowMs;
    private final List<Runnable> effects = new ArrayList<>();

    private ChatWrite(StoreTx tx, long nowMs) {
        this.tx = tx;
        this.nowMs = nowMs;
        this.now = nowMs / 1000;
    }

    void afterCommit(Runnable effect) {
        effects.add(effect);
    }

    private record Done<T>(T answer, List<Runnable> effects) {}

    static <T> CompletableFuture<T> run(
            Store store, java.time.Clock clock, Function<ChatWrite, T> work) {
        return store.<Done<T>>write(
                        tx -> {
                            ChatWrite w = new ChatWrite(tx, clock.millis());
                            T answer = work.apply(w);
                            return new Done<>(answer, w.effects);
                        },
                        done -> done.effects().forEach(Runnable::run))
                .thenApply(Done::answer);
    }
}
