package org.chapar.server.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The storage port. Work is a function of a {@link StoreTx}: the feature services compose their
 * rules out of the repositories it hands out, and the adapter decides how transactions are run.
 *
 * <p>Writes are group-committed: each call joins the next batch, which commits as one transaction;
 * a call that throws is rolled back alone (a savepoint per call) and fails alone. The returned
 * future completes only after the batch is durable. {@code afterCommit} runs for every successful
 * call in commit order, before its future completes, on one notifier thread: this is where live
 * updates are handed to the bus, so that pushes leave in pts order.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): the port does not assume that its
 * writes are the only ones. A write needs no more than read-committed isolation with row locks:
 * counters (pts, message ids) and limits (members, invite uses, slow mode) are changed by one
 * atomic or conditional statement of the repositories, never computed from an earlier read, and
 * unique keys decide races to create (idempotent sends, private chats, usernames). Order is
 * promised per box (in commit order), not across boxes. An adapter may abort a write that lost a
 * race (a deadlock, a unique key) and run its work again: work must act only on the {@link StoreTx}
 * and leave every other effect to {@code afterCommit}.
 */
public interface Store extends AutoCloseable {

    <T> CompletableFuture<T> write(Function<StoreTx, T> work, Consumer<? super T> afterCommit);

    default <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
        return write(work, result -> {});
    }

    /** Runs read-only work in one consistent snapshot, beside the writer. */
    <T> CompletableFuture<T> read(Function<StoreTx, T> work);

    /**
     * Why writes fail, while they do (a full disk, an I/O error); empty when the last write
     * succeeded. Health checks report it.
     */
    Optional<String> writeProblem();

    /** Reports each committed write batch to {@code observer} (for /metrics). */
    default void observeCommits(CommitObserver observer) {}

    /** Stops accepting writes, commits every write already accepted, and closes the database. */
    @Override
    void close();
}
