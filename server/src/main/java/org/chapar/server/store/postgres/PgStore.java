package org.chapar.server.store.postgres;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.CommitObserver;
import org.chapar.server.store.GroupCommitWriter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * PostgreSQL behind the storage port, for one of many identical nodes on one database
 * (docs/adr/0016-postgresql-store.md). Writes go to group-commit writers, each a thread with one
 * connection in read committed; their completions share one notifier thread. With one writer (the
 * default) afterCommit hooks run in commit order, as the port promises; with several, calls go
 * round robin and two batches of different writers may complete in either order, so a node's pushes
 * of one box may leave out of pts order (clients see a gap and fetch the difference, as they do
 * across nodes). Reads run on a pool of connections, each read one repeatable-read, read-only
 * transaction.
 *
 * <p>While the database is unreachable every request fails with {@code STORE_UNAVAILABLE}
 * (retryable, nothing applied); the writers probe once a second and the pools reconnect, so the
 * node resumes by itself when it is back.
 */
public final class PgStore implements Store {
    private final PgDatabase db;
    private final List<GroupCommitWriter> writers;
    private final ExecutorService notifier;
    private final ExecutorService readExecutor;
    private final AtomicInteger next = new AtomicInteger();
    private final java.util.concurrent.ScheduledExecutorService watch;
    private volatile String unreachable;

    private PgStore(
            PgDatabase db,
            List<GroupCommitWriter> writers,
            ExecutorService notifier,
            int readerCount) {
        this.db = db;
        this.writers = writers;
        this.notifier = notifier;
        AtomicInteger n = new AtomicInteger();
        this.readExecutor =
                Executors.newFixedThreadPool(
                        readerCount,
                        r -> {
                            Thread t = new Thread(r, "pg-reader-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        // an idle node learns of an outage too (health checks report it), not only at a write
        this.watch =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pg-watch");
                            t.setDaemon(true);
                            return t;
                        });
        watch.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        try (Connection c = db.writerConnection()) {
            unreachable = c.isValid(2) ? null : "cannot write: the database does not answer";
        } catch (StoreException | SQLException e) {
            unreachable = "cannot write: " + e.getMessage();
        }
    }

    /**
     * Opens the store on {@code url}, creating or upgrading the schema. Each update box keeps at
     * least its newest {@code boxRetention} events.
     */
    public static PgStore open(PgUrl url, int writerCount, int readerCount, int boxRetention) {
        PgDatabase db = new PgDatabase(url, writerCount, readerCount, boxRetention);
        ExecutorService notifier = GroupCommitWriter.notifier("pg");
        List<GroupCommitWriter> writers = new ArrayList<>();
        try {
            db.migrate();
            for (int i = 0; i < writerCount; i++) {
                writers.add(
                        new GroupCommitWriter(
                                "pg-" + (i + 1), () -> PgSession.open(db), 1024, notifier));
            }
        } catch (RuntimeException e) {
            writers.forEach(GroupCommitWriter::close);
            notifier.shutdown();
            db.close();
            throw e;
        }
        return new PgStore(db, writers, notifier, readerCount);
    }

    @Override
    public <T> CompletableFuture<T> write(
            Function<StoreTx, T> work, Consumer<? super T> afterCommit) {
        // round robin: the writers are alike, and a call's box is not known before it runs
        GroupCommitWriter w = writers.get(Math.floorMod(next.getAndIncrement(), writers.size()));
        return w.submit(work, afterCommit);
    }

    @Override
    public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
        return CompletableFuture.supplyAsync(() -> readNow(work), readExecutor);
    }

    private <T> T readNow(Function<StoreTx, T> work) {
        Connection c;
        try {
            c = db.readerConnection();
        } catch (StoreException e) {
            throw unavailable();
        }
        PgTx tx = new PgTx(c, false, db.boxRetention());
        try {
            return work.apply(tx);
        } catch (StoreException e) {
            if (PgFault.unreachable(e)) {
                throw unavailable();
            }
            throw e;
        } finally {
            tx.statements.close();
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // a broken connection: the pool drops it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // the pool has it back or dropped it
            }
        }
    }

    private static ApiException unavailable() {
        return new ApiException(
                ErrorCode.STORE_UNAVAILABLE, "The database is unreachable: retry shortly", 1000);
    }

    @Override
    public void observeCommits(CommitObserver observer) {
        for (GroupCommitWriter w : writers) {
            w.observe(observer);
        }
    }

    @Override
    public Optional<String> writeProblem() {
        for (GroupCommitWriter w : writers) {
            Optional<String> p = w.problem();
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.ofNullable(unreachable);
    }

    @Override
    public void close() {
        watch.shutdownNow();
        readExecutor.shutdown();
        try {
            readExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.forEach(GroupCommitWriter::close);
        notifier.shutdown();
        try {
            notifier.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
