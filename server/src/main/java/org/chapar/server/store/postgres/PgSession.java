package org.chapar.server.store.postgres;

import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.chapar.server.store.WriteSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One writer connection of a {@link PgStore} with the repositories over it. Replaced, never
 * repaired, once the connection failed.
 *
 * <p>Savepoints cost no round trip of their own: a call's savepoint is released lazily, and the
 * release of one call and the savepoint of the next go to the server as one simple-protocol message
 * ({@code RELEASE request; SAVEPOINT request}); the commit releases the last one. So a call costs
 * its own statements plus one message, and a batch one commit.
 */
final class PgSession implements WriteSession {
    private static final Logger log = LoggerFactory.getLogger(PgSession.class);

    private final PgDatabase db;
    private final Connection connection;
    private final PgTx tx;
    private boolean open;

    private PgSession(PgDatabase db, Connection connection, PgTx tx) {
        this.db = db;
        this.connection = connection;
        this.tx = tx;
    }

    static PgSession open(PgDatabase db) {
        Connection c = db.writerConnection();
        return new PgSession(db, c, new PgTx(c, true, db.boxRetention()));
    }

    @Override
    public StoreTx tx() {
        return tx;
    }

    @Override
    public void savepoint() {
        tx.statements.control(open ? "RELEASE request; SAVEPOINT request" : "SAVEPOINT request");
        open = true;
    }

    @Override
    public void release() {
        // left open: released with the next call's savepoint, or by the commit
    }

    @Override
    public void rollbackToSavepoint() {
        tx.statements.control("ROLLBACK TO request; RELEASE request");
        open = false;
    }

    @Override
    public void commit() {
        open = false;
        try {
            connection.commit();
        } catch (SQLException e) {
            tx.statements.faulted(e);
            throw new StoreException("commit failed", e, PgFault.commitMayHaveApplied(e));
        }
    }

    @Override
    public void probe() {
        tx.statements.update(
                "INSERT INTO writer_probe (id, writes) VALUES (1, 1)"
                        + " ON CONFLICT (id) DO UPDATE SET writes = writer_probe.writes + 1");
        commit();
    }

    @Override
    public void forgetCaches() {
        tx.forgetCaches();
    }

    @Override
    public boolean retryable(Throwable error) {
        return PgFault.retryable(error);
    }

    @Override
    public boolean broken() {
        return tx.statements.fault() != null;
    }

    @Override
    public void close() {
        tx.statements.close();
        try {
            if (broken()) {
                db.evict(connection);
            } else {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            log.warn("closing a database connection failed", e);
        }
    }
}
