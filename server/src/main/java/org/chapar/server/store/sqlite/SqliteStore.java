package org.chapar.server.store.sqlite;

import org.chapar.server.store.GroupCommitWriter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class SqliteStore implements Store {
    private final GroupCommitWriter writer;
    private final BlockingQueue<Reader> readers;
    private final List<Reader> allReaders = new ArrayList<>();
    private final ExecutorService readExecutor;

    private record Reader(Connection connection, SqliteTx tx) {}

    private SqliteStore(GroupCommitWriter writer, List<Reader> readerList) {
        this.writer = writer;
        this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
        this.allReaders.addAll(readerList);
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
            String url = "jdbc:sqlite:" + dataDir.resolve("chapar.db").toAbsolutePath();
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/sqlite")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            Connection writerConnection = connect(url, false, fullSync);
            SqliteTx writerTx = new SqliteTx(writerConnection, true, boxRetention);
            GroupCommitWriter writer =
                    new GroupCommitWriter(
                            "sqlite", writerConnection, writerTx, writerTx::forgetCaches, 1024);
            List<Reader> readers = new ArrayList<>();
            for (int i = 0; i < readerCount; i++) {
                Connection c = connect(url, true, fullSync);
                c.setAutoCommit(false);
                readers.add(new Reader(c, new SqliteTx(c, false, boxRetention)));
            }
            return new SqliteStore(writer, readers);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the database in " + dataDir, e);
        }
    }

    private static Connection connect(String url, boolean readOnly, boolean fullSync)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_384);
        config.setReadOnly(readOnly);
        // the driver would otherwise run "SELECT last_insert_rowid()" after every update; ids come
        // back through RETURNING instead
        config.setGetGeneratedKeys(false);
        // deleted rows are overwritten, not left in free pages: delete means purge
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        return DriverManager.getConnection(url, config.toProperties());
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
                    Reader reader = readers.poll();
                    if (reader == null) {
                        throw new IllegalStateException("more read tasks than readers");
                    }
                    try {
                        return work.apply(reader.tx());
                    } finally {
                        try {
                            reader.connection().rollback();
                        } catch (SQLException e) {
                            throw new StoreException("cannot end a read transaction", e);
                        } finally {
                            readers.add(reader);
                        }
                    }
                },
                readExecutor);
    }

    @Override
    public void close() {
        writer.close();
        readExecutor.shutdown();
        try {
            readExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Reader r : allReaders) {
            r.tx().statements.close();
            try {
                r.connection().close();
            } catch (SQLException ignored) {
                // closing: nothing useful to do
            }
        }
    }
}
