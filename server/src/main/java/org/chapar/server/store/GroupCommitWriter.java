package org.chapar.server.store;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One writer thread that owns one database session and drains the write queue in batches: one
 * transaction per batch (group commit), a savepoint per call so that a failing call is rolled back
 * alone. Throughput grows with load because a fuller queue means larger batches for the same number
 * of commits (and fsyncs).
 *
 * <p>Faults: a call that fails by itself (a rule, a constraint) fails alone. A database fault that
 * may have ended the transaction (disk full, I/O error, corruption) stops the batch at once: the
 * session is dropped unused (closing it rolls back whatever SQLite still holds), every call of the
 * batch is answered "not applied", which is then true, and the next batch runs on a new session. A
 * failed commit is answered "not applied" only when the database rules out that it reached the
 * disk. Until a commit succeeds again the writer reports a {@link #problem()} and, while idle,
 * probes with a small write once a second, so it resumes by itself once the fault is gone.
 *
 * <p>Completion runs on a second, single notifier thread, in commit order: afterCommit hooks and
 * future completions never hold up the next batch, and their order matches pts order. Several
 * writers of one store may share one notifier (PostgreSQL: docs/adr/0016-postgresql-store.md).
 *
 * <p>Races (docs/adr/0008-store-concurrency.md): a call that lost a race with another writer of the
 * database (the session says which errors are such: {@link WriteSession#retryable}) is rolled back
 * to its savepoint alone and runs again at the head of the next batch, in a new transaction, a few
 * times before it fails. A call that gave way to another writer ({@link WriteSession#gaveWay}) ends
 * the batch before it: what ran commits, and it and the calls behind it run next, in order.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_QUEUED = 200_000;
    private static final long PROBE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int ATTEMPTS = 8;

    private final Supplier<WriteSession> sessions;
    private final int maxBatch;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final ExecutorService notifier;
    private final boolean ownNotifier;
    private final java.util.ArrayDeque<Task<?>> again = new java.util.ArrayDeque<>();
    private final Thread thread;
    private WriteSession session;
    private long lastProbe;
    private volatile String problem;
    private RuntimeException openFailure;
    private volatile boolean running = true;
    private volatile CommitObserver observer = CommitObserver.NONE;

    /**
     * @param sessions opens a new session: at start, and after a fault dropped the last one
     */
    public GroupCommitWriter(String name, Supplier<WriteSession> sessions, int maxBatch) {
        this(name, sessions, maxBatch, null);
    }

    /**
     * @param sharedNotifier a single-threaded executor completing the calls of several writers (not
     *     shut down by this writer), or null for one of its own
     */
    public GroupCommitWriter(
            String name,
            Supplier<WriteSession> sessions,
            int maxBatch,
            ExecutorService sharedNotifier) {
        this.sessions = sessions;
        this.maxBatch = maxBatch;
        this.session = sessions.get();
        this.ownNotifier = sharedNotifier == null;
        this.notifier = ownNotifier ? notifier(name) : sharedNotifier;
        this.thread = new Thread(this::loop, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A single notifier thread, for one writer or for several that share it. */
    public static ExecutorService notifier(String name) {
        return Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, name + "-notifier");
                    t.setDaemon(true);
                    return t;
                });
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

    /** Why the last write failed, while no write has succeeded since; empty when writes work. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty() || !again.isEmpty()) {
            try {
                // calls that lost a race run first, in a new transaction
                while (!again.isEmpty() && batch.size() < maxBatch) {
                    batch.add(again.poll());
                }
                if (batch.isEmpty()) {
                    Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        probeIfFailing();
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, maxBatch - batch.size());
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("writer loop failed", e);
                drop(e);
                failAll(batch, notApplied(e));
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                batch.clear();
            }
        }
        if (session != null) {
            session.close();
        }
    }

    /** Is told the size and duration of every committed batch (for /metrics). */
    public void observe(CommitObserver o) {
        observer = o;
    }

    private void runBatch(List<Task<?>> batch) {
        long start = System.nanoTime();
        List<Task<?>> done = List.copyOf(batch);
        WriteSession s = openSession();
        if (s == null) {
            failAll(done, notApplied(openFailure));
            return;
        }
        List<Task<?>> retry = new ArrayList<>();
        List<Task<?>> deferred = List.of();
        int kept = 0;
        for (int i = 0; i < done.size(); i++) {
            Task<?> task = done.get(i);
            boolean ok = runInSavepoint(s, task);
            if (s.broken()) {
                log.error(
                        "the database failed in a batch of {}; none of it applied",
                        done.size(),
                        task.error);
                drop(task.error);
                failAll(done, notApplied(task.error));
                return;
            }
            if (ok) {
                kept++;
            } else {
                s.forgetCaches();
                if (kept > 0 && s.gaveWay(task.error)) {
                    // it and the calls behind it run in the next batch, in their order
                    task.error = null;
                    deferred = done.subList(i, done.size());
                    break;
                }
                if (++task.attempts < ATTEMPTS && s.retryable(task.error)) {
                    task.error = null;
                    retry.add(task);
                }
            }
        }
        try {
            s.commit();
        } catch (StoreException e) {
            log.error("commit of a batch of {} failed", done.size(), e);
            drop(e);
            failAll(done, e.mayHaveApplied() ? mayHaveApplied() : notApplied(e));
            return;
        }
        problem = null;
        again.addAll(retry);
        again.addAll(deferred);
        List<Task<?>> finished = new ArrayList<>(done.subList(0, done.size() - deferred.size()));
        finished.removeAll(retry);
        observer.committed(finished.size(), System.nanoTime() - start);
        notifier.execute(() -> finished.forEach(Task::complete));
    }

    /** Runs the task's work in a savepoint; false if it failed and was rolled back. */
    private static boolean runInSavepoint(WriteSession s, Task<?> task) {
        try {
            s.savepoint();
        } catch (RuntimeException e) {
            task.error = e;
            return false;
        }
        try {
            task.apply(s.tx());
            s.release();
            return true;
        } catch (Throwable e) {
            task.error = e;
            if (!s.broken()) {
                try {
                    s.rollbackToSavepoint();
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            return false;
        }
    }

    /** While writes fail and nothing is queued, tries a small write now and then. */
    private void probeIfFailing() {
        if (problem == null || System.nanoTime() - lastProbe < PROBE_EVERY_NANOS) {
            return;
        }
        lastProbe = System.nanoTime();
        WriteSession s = openSession();
        if (s == null) {
            return;
        }
        try {
            s.probe();
            problem = null;
            log.info("the store can write again");
        } catch (StoreException e) {
            drop(e);
        }
    }

    /** The current session, or a new one; null (and a problem reported) if none can be opened. */
    private WriteSession openSession() {
        if (session == null) {
            try {
                session = sessions.get();
                openFailure = null;
            } catch (RuntimeException e) {
                if (openFailure == null) {
                    log.error("cannot reopen the database", e);
                }
                openFailure = e;
                problem = describe(e);
                return null;
            }
        }
        return session;
    }

    /** Closes the session after a fault, unused: the next write opens a new one. */
    private void drop(Throwable cause) {
        problem = describe(cause);
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot write: " + (root == null ? "unknown fault" : root.getMessage());
    }

    /**
     * True after a fault that stopped the batch: the transaction never committed. A database that
     * cannot be reached at all is said so ({@code STORE_UNAVAILABLE}): retry once it is back. That
     * is a connection that could not be had, or one lost under the batch (SQLSTATE class 08, the
     * standard's "connection exception"): both say the same to the client, who should not learn
     * which of the two writes of an outage happened to find the connection still open.
     */
    private static ApiException notApplied(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if ((t instanceof StoreException e && e.unreachable())
                    || (t instanceof java.sql.SQLException q
                            && q.getSQLState() != null
                            && q.getSQLState().startsWith("08"))) {
                return new ApiException(
                        ErrorCode.STORE_UNAVAILABLE,
                        "The database is unreachable; the request was not applied: retry shortly",
                        1000);
            }
        }
        return new ApiException(
                ErrorCode.UNAVAILABLE, "Storage failed; the request was not applied", 1000);
    }

    /** A commit failed in a way that leaves its outcome unknown. */
    private static ApiException mayHaveApplied() {
        return new ApiException(
                ErrorCode.INTERNAL,
                "Storage failed while committing; the request may have been applied: retry it"
                        + " (a send with the same random_id is applied once)",
                1000);
    }

    private void failAll(List<Task<?>> tasks, ApiException error) {
        List<Task<?>> failed = List.copyOf(tasks);
        notifier.execute(() -> failed.forEach(t -> t.future.completeExceptionally(error)));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownNotifier) {
            notifier.shutdown();
            try {
                notifier.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Task<T> {
        final Function<StoreTx, T> work;
        final Consumer<? super T> afterCommit;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable error;
        int attempts;

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
