package org.chapar.server.store.sqlite;

import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.chapar.server.store.WriteSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One connection to the database with the repositories over it: the writer's session, or one of the
 * readers'. Both are replaced, never repaired, once a fault may have ended their transaction.
 */
final class SqliteSession implements WriteSession {
    private static final Logger log = LoggerFactory.getLogger(SqliteSession.class);

    private static final long PROBE_HEADROOM_BYTES = 1 << 20;

    private final SqliteFile file;
    private final Connection connection;
    private final SqliteTx tx;

    private SqliteSession(SqliteFile file, Connection connection, SqliteTx tx) {
        this.file = file;
        this.connection = connection;
        this.tx = tx;
    }

    /**
     * WAL pages after which the writer's commit copies them into the database file: 64 MiB, not
     * SQLite's 4 MiB, so that a page that many batches dirty (a busy chat's end of a table) is
     * copied and synced once per checkpoint instead of every few batches (ADR 0033). {@code
     * -Dchapar.sqlite.walAutocheckpoint=PAGES} overrides it.
     */
    static final int WAL_AUTOCHECKPOINT =
            Integer.getInteger("chapar.sqlite.walAutocheckpoint", 16_384);

    /** Opens a connection; {@code writer}: the one connection that changes data. */
    static SqliteSession open(SqliteFile file, boolean writer) {
        try {
            Connection c = connect(file, !writer);
            c.setAutoCommit(false);
            return new SqliteSession(file, c, new SqliteTx(c, writer, file.boxRetention()));
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file.path(), e);
        }
    }

    static Connection connect(SqliteFile file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                file.fullSync()
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
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
        Connection c = DriverManager.getConnection(file.url(), config.toProperties());
        if (!readOnly) {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT);
            }
        }
        return c;
    }

    @Override
    public StoreTx tx() {
        return tx;
    }

    // One savepoint name: requests run one after another, never nested, and the driver's own
    // setSavepoint() would parse fresh SQL twice per request.
    @Override
    public void savepoint() {
        tx.statements.update("SAVEPOINT request");
        tx.callStarted();
    }

    @Override
    public void release() {
        tx.statements.update("RELEASE request");
        tx.callKept();
    }

    @Override
    public void rollbackToSavepoint() {
        tx.callRolledBack();
        tx.statements.update("ROLLBACK TO request");
        tx.statements.update("RELEASE request");
    }

    @Override
    public void commit() {
        if (tx.writesPending()) {
            try {
                tx.beforeCommit();
            } catch (StoreException e) {
                throw new StoreException("the batch's coalesced writes failed", e, false);
            }
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            // whatever the code, the driver's idea of the transaction may now be wrong
            tx.statements.faulted(e);
            throw new StoreException("commit failed", e, SqliteFault.commitMayHaveApplied(e));
        }
    }

    /**
     * Refuses while the disk is nearly full: a small write could succeed in WAL space a failed
     * batch left allocated, and report the store as writable while every real batch still fails.
     */
    @Override
    public void probe() {
        try {
            long free = Files.getFileStore(file.path()).getUsableSpace();
            if (free < PROBE_HEADROOM_BYTES) {
                throw new StoreException(
                        "only " + free / 1024 + " KiB free on the disk of " + file.path(), null);
            }
        } catch (IOException e) {
            throw new StoreException("cannot see the free space of " + file.path(), e);
        }
        tx.statements.update(
                "INSERT INTO writer_probe (id, writes) VALUES (1, 1)"
                        + " ON CONFLICT (id) DO UPDATE SET writes = writes + 1");
        commit();
    }

    /** Ends a reader's snapshot, so the next read sees newer commits. */
    void endRead() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            tx.statements.faulted(e);
            throw new StoreException("cannot end a read transaction", e);
        }
    }

    @Override
    public void forgetCaches() {
        tx.forgetCaches();
    }

    @Override
    public boolean broken() {
        return tx.statements.fault() != null;
    }

    @Override
    public void close() {
        tx.statements.close();
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing a database connection failed", e);
        }
    }
}
