package org.chapar.server.store;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One writer thread that owns one JDBC connection and drains the write queue in batches: one
 * transaction per batch (group commit), a savepoint per call so that a failing call is rolled back
 * alone. Throughput grows with load because a fuller queue means larger batches for the same number
 * of commits (and fsyncs).
 *
 * <p>Completion runs on a second, single notifier thread, in commit order: afterCommit hooks and
 * future completions never hold up the next batch, and their order matches pts order.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_QUEUED = 200_000;

    private final Connection connection;
    private final StoreTx tx;
    private final int maxBatch;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final ExecutorService notifier;
    private final Thread thread;
    private final Runnable onRollback;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackTo;
    private volatile boolean running = true;

    /**
     * @param onRollback called on the writer thread after any rollback, so that whatever the
     *     adapter cached from the rolled-back work is dropped
     */
    public GroupCommitWriter(
            String name, Connection connection, StoreTx tx, Runnable onRollback, int maxBatch) {
        this.connection = connection;
        this.tx = tx;
        this.onRollback = onRollback;
        this.maxBatch = maxBatch;
        this.notifier =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, name + "-notifier");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            connection.setAutoCommit(false);
            // One savepoint name, prepared once: requests run one after another, never nested,
            // and the driver's own setSavepoint() would parse fresh SQL twice per request.
            this.savepoint = connection.prepareStatement("SAVEPOINT request");
            this.release = connection.prepareStatement("RELEASE request");
            this.rollbackTo = connection.prepareStatement("ROLLBACK TO request");
        } catch (SQLException e) {
            throw new StoreException("cannot start the writer", e);
        }
        this.thread = new Thread(this::loop, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public <T> CompletableFuture<T> submit(
            Function<StoreTx, T> work, Consumer<? super T> afterCommit) {
        Task<T> task = new Task<>(work, afterCommit);
        if (!running) {
            task.future.completeExceptionally(
                    new ApiException(ErrorCode.UNAVAILABLE, "The server is shutting down"));
            return task.future;
        }
        if (queue.size() >= MAX_QUEUED) {
            // Past this the writer is minutes behind: refuse at once rather than grow without
            // bound.
            task.future.completeExceptionally(
                    new ApiException(
                            ErrorCode.UNAVAILABLE, "The server is overloaded; retry shortly", 500));
            return task.future;
        }
        queue.add(task);
        return task.future;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("writer loop failed", e);
                failAll(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        List<Task<?>> done = List.copyOf(batch);
        for (Task<?> task : done) {
            if (!runInSavepoint(task)) {
                onRollback.run();
            }
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            log.error("commit of a batch of {} failed", done.size(), e);
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            onRollback.run();
            failAll(done, e);
            return;
        }
        notifier.execute(() -> done.forEach(Task::complete));
    }

    /** Runs the task's work in a savepoint; false if it failed and was rolled back. */
    private boolean runInSavepoint(Task<?> task) {
        boolean started = false;
        try {
            savepoint.execute();
            started = true;
            task.apply(tx);
            release.execute();
            return true;
        } catch (Throwable e) {
            task.error = e;
            if (started) {
                try {
                    rollbackTo.execute();
                    release.execute();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            return false;
        }
    }

    private void failAll(List<Task<?>> tasks, Throwable cause) {
        List<Task<?>> failed = List.copyOf(tasks);
        notifier.execute(
                () ->
                        failed.forEach(
                                t ->
                                        t.future.completeExceptionally(
                                                new ApiException(
                                                        ErrorCode.UNAVAILABLE,
                                                        "Storage failed; the request was not applied"))));
        if (cause instanceof Error error) {
            throw error;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.shutdown();
        try {
            notifier.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the writer connection failed", e);
        }
    }

    private static final class Task<T> {
        final Function<StoreTx, T> work;
        final Consumer<? super T> afterCommit;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable error;

        Task(Function<StoreTx, T> work, Consumer<? super T> afterCommit) {
            this.work = work;
            this.afterCommit = afterCommit;
        }

        void apply(StoreTx tx) {
            result = work.apply(tx);
        }

        void complete() {
            if (error != null) {
                future.completeExceptionally(error);
                return;
            }
            try {
                afterCommit.accept(result);
            } catch (RuntimeException e) {
                log.error("after-commit hook failed", e);
            }
            future.complete(result);
        }
    }
}
