package org.chapar.server.store;

/**
 * One database connection of the {@link GroupCommitWriter}, with the repositories over it. A
 * session that failed in a way that may have ended its transaction is {@link #broken()}: the writer
 * drops it and opens a new one, so no statement, cache or transaction state of the old one outlives
 * the fault. Every method throws {@link StoreException} when the database fails.
 */
public interface WriteSession extends AutoCloseable {
    StoreTx tx();

    /** Starts the savepoint one call runs in. */
    void savepoint();

    /** Keeps the call's work in the batch. */
    void release();

    /** Undoes the call's work alone; the rest of the batch stays. */
    void rollbackToSavepoint();

    /**
     * Commits the batch durably; on failure the {@link StoreException} says whether it may still be
     * on disk.
     */
    void commit();

    /** Writes something small and commits it: whether the store can write at all right now. */
    void probe();

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    void forgetCaches();

    /**
     * Whether a call that failed with {@code error} lost a race with another writer (a deadlock, a
     * unique key a concurrent creator took first) and may be run again in a new transaction.
     */
    default boolean retryable(Throwable error) {
        return false;
    }

    /**
     * Whether a call that failed with {@code error} gave up waiting for a row that another writer's
     * open transaction holds, which a session lets only calls after a batch's first do: they hold
     * the rows of the calls before them, and two nodes' batches waiting on each other's rows would
     * stall until the database's deadlock detection ended it. The batch so far commits, which lets
     * the other writer go on, and the call runs again first in the next batch, where it may wait.
     */
    default boolean gaveWay(Throwable error) {
        return false;
    }

    /** Whether a fault may have ended the transaction: nothing more may run on this session. */
    boolean broken();

    @Override
    void close();
}
