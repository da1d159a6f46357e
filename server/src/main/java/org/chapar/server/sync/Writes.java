package org.chapar.server.sync;

import org.chapar.server.account.UserViews;
import org.chapar.server.store.Store;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs the rules' writes as {@link UnitOfWork}s: the work in the store's writer, its effects after
 * the commit.
 */
public final class Writes {
    private final Store store;
    private final Clock clock;
    private final UserViews users;
    private final UpdatePublisher publisher;

    public Writes(Store store, Clock clock, UserViews users, UpdatePublisher publisher) {
        this.store = store;
        this.clock = clock;
        this.users = users;
        this.publisher = publisher;
    }

    public <T> CompletableFuture<T> run(Function<UnitOfWork, T> work) {
        return store.<Done<T>>write(
                        tx -> {
                            UnitOfWork w = new UnitOfWork(tx, clock.millis(), users, publisher);
                            return new Done<>(work.apply(w), w);
                        },
                        done -> done.work().runEffects())
                .thenApply(Done::answer);
    }

    private record Done<T>(T answer, UnitOfWork work) {}
}
