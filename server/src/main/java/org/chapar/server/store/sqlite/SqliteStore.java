package org.chapar.server.store.sqlite;

import org.chapar.server.store.CommitObserver;
import org.chapar.server.store.DataDirException;
import org.chapar.server.store.GroupCommitWriter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * SQLite behind the storage port. One file ({@code chapar.db}) in the data directory, WAL journal
 * so readers never block the writer. {@code synchronous=FULL} by default: a commit is on disk
 * before any request of its batch is answered; group commit keeps that affordable.
 *
 * <p>The writer's connection closes last: only a read-write connection can copy the WAL into the
 * database file and remove it, and SQLite does that when the last connection closes.
 */
public final class SqliteStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final DataDirLock lock;
    private final SqliteFile file;
    private final GroupCommitWriter writer;
    private final BlockingQueue<SqliteSession> readers;
    private final ExecutorService readExecutor;

    private SqliteStore(
            DataDirLock lock,
            SqliteFile file,
            GroupCommitWriter writer,
            List<SqliteSession> readerList) {
        this.lock = lock;
        this.file = file;
        this.writer = writer;
        this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
        AtomicInteger n = new AtomicInteger();
        this.readExecutor =
                Executors.newFixedThreadPool(
                        readerList.size(),
                        r -> {
                            Thread t = new Thread(r, "sqlite-reader-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Opens (creating and migrating if needed) the database in {@code dataDir}. Each update box
     * keeps at least its newest {@code boxRetention} events.
     */
    public static SqliteStore open(
            Path dataDir, int readerCount, boolean fullSync, int boxRetention) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir, e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            SqliteFile file = new SqliteFile(dataDir.resolve("chapar.db"), fullSync, boxRetention);
            StartChecks.checkAndMigrate(file);
            GroupCommitWriter writer =
                    new GroupCommitWriter("sqlite", () -> SqliteSession.open(file, true), 1024);
            List<SqliteSession> readers = new ArrayList<>();
            for (int i = 0; i < readerCount; i++) {
                readers.add(SqliteSession.open(file, false));
            }
            return new SqliteStore(lock, file, writer, readers);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<T> write(
            Function<StoreTx, T> work, Consumer<? super T> afterCommit) {
        return writer.submit(work, afterCommit);
    }

    @Override
    public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
        return CompletableFuture.supplyAsync(
                () -> {
                    SqliteSession reader = readers.poll();
                    if (reader == null) {
                        throw new IllegalStateException("more read tasks than readers");
                    }
                    try {
                        return work.apply(reader.tx());
                    } finally {
                        readers.add(afterRead(reader));
                    }
                },
                readExecutor);
    }

    /** The reader itself, its snapshot ended; or a new one if a fault broke it. */
    private SqliteSession afterRead(SqliteSession reader) {
        if (!reader.broken()) {
            try {
                reader.endRead();
                return reader;
            } catch (StoreException e) {
                log.warn("a reader failed; opening a new one", e);
            }
        }
        try {
            SqliteSession fresh = SqliteSession.open(file, false);
            reader.close();
            return fresh;
        } catch (StoreException e) {
            // keep the old one: its failed statements are dropped, and the next read tries again
            log.error("cannot reopen a reader", e);
            return reader;
        }
    }

    /**
     * Copies the database in {@code dataDir} to {@code destination} (which must not exist) as one
     * consistent, compact file, while a server may be running on it: SQLite's {@code VACUUM INTO}
     * reads one snapshot beside the server's writer and does not block it.
     */
    public static void backup(Path dataDir, Path destination) {
        SqliteFile file = new SqliteFile(dataDir.resolve("chapar.db"), true, 0);
        if (!Files.isRegularFile(file.path())) {
            throw new DataDirException(
                    "there is no database to back up: no " + file.path().toAbsolutePath());
        }
        if (Files.exists(destination)) {
            throw new DataDirException(
                    destination.toAbsolutePath() + " exists already; name a new file");
        }
        try (Connection c = SqliteSession.connect(file, false);
                PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, destination.toAbsolutePath().toString());
            st.execute();
        } catch (SQLException e) {
            throw StartChecks.plain(file, "cannot back up the database", e);
        }
    }

    @Override
    public void observeCommits(CommitObserver observer) {
        writer.observe(observer);
    }

    @Override
    public Optional<String> writeProblem() {
        return writer.problem();
    }

    @Override
    public void close() {
        readExecutor.shutdown();
        try {
            readExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.forEach(SqliteSession::close);
        writer.close();
        lock.close();
    }
}
