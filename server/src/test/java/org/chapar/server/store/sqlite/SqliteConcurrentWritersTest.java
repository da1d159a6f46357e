package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.ConcurrentWritersContract;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

class SqliteConcurrentWritersTest extends ConcurrentWritersContract {
    @TempDir Path dir;
    private final AtomicInteger aborted = new AtomicInteger();

    /** Every race here must really have raced: SQLite aborted the later writer at least once. */
    @AfterEach
    void theLoserWasAbortedAndRunAgain() {
        assertThat(aborted.get()).isPositive();
    }

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }

    @Override
    protected Writer openWriter() {
        return new SecondWriter(
                "jdbc:sqlite:" + dir.resolve("chapar.db").toAbsolutePath(), aborted);
    }

    /**
     * A connection of its own beside the store's, in deferred transactions: both racers read, the
     * first to write takes the write lock, and the other's write fails with SQLITE_BUSY (its
     * snapshot is out of date once the first commits). It is then rolled back and run again, on a
     * fresh connection, as a second node would have to.
     */
    private record SecondWriter(String url, AtomicInteger aborted) implements Writer {
        private static final int ATTEMPTS = 100;

        @Override
        public <T> T inTransaction(Function<StoreTx, T> work) {
            for (int attempt = 1; ; attempt++) {
                try (Connection c = connect()) {
                    SqliteTx tx = new SqliteTx(c, false, 16);
                    try {
                        T result = work.apply(tx);
                        c.commit();
                        return result;
                    } catch (StoreException e) {
                        c.rollback();
                        if (!busy(e.getCause()) || attempt == ATTEMPTS) {
                            throw e;
                        }
                        aborted.incrementAndGet();
                    } catch (SQLException e) {
                        c.rollback();
                        if (!busy(e) || attempt == ATTEMPTS) {
                            throw e;
                        }
                        aborted.incrementAndGet();
                    } finally {
                        tx.statements.close();
                    }
                } catch (SQLException e) {
                    throw new StoreException("second writer failed", e);
                }
                backOff(attempt);
            }
        }

        /**
         * Waits a little before running again. A deferred transaction that cannot upgrade to a
         * write fails at once, without the busy timeout, for as long as the other holds the write
         * lock; on a loaded machine that writer may be descheduled for longer than quick retries
         * last.
         */
        private static void backOff(int attempt) {
            try {
                Thread.sleep(Math.min(50, 2L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static boolean busy(Throwable e) {
            return e instanceof SQLiteException s
                    && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
        }

        private Connection connect() throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setBusyTimeout(10_000);
            config.enforceForeignKeys(true);
            config.setGetGeneratedKeys(false);
            Connection c = DriverManager.getConnection(url, config.toProperties());
            c.setAutoCommit(false);
            return c;
        }

        @Override
        public void close() {
            // each transaction closes its own connection
        }
    }
}
