package org.chapar.server.store.postgres;

import org.chapar.server.store.RaceLost;
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
 *
 * <p>Only a batch's first call waits for rows other writers hold for as long as it takes. The calls
 * after it hold the rows of the calls before them: when two nodes' batches each wait for a row the
 * other holds, only PostgreSQL's deadlock detection ({@code deadlock_timeout}, 1 s by default)
 * would end it, and two users of a private chat sending to each other from different nodes do that
 * all the time. So once a call is kept, the rest of the transaction waits at most {@link
 * #LOCK_WAIT} for a row ({@code SET LOCAL lock_timeout}); a call that gives up {@link #gaveWay
 * gives way}: the batch so far commits and the call runs first in the next one.
 */
final class PgSession implements WriteSession {
    private static final Logger log = LoggerFactory.getLogger(PgSession.class);

    private final PgDatabase db;
    private final Connection connection;
    private final PgTx tx;
    static final String LOCK_WAIT = "10ms";

    private boolean open;
    private boolean lockWaitBounded;

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
        if (!open) {
            tx.statements.control("SAVEPOINT request");
        } else if (lockWaitBounded) {
            tx.statements.control("RELEASE request; SAVEPOINT request");
        } else {
            // open: the call before was kept (a rolled-back one closed its savepoint), so this one
            // holds rows it must not sit on; set outside the savepoint, so that rolling a call
            // back keeps it until the commit
            tx.statements.control(
                    "RELEASE request; SET LOCAL lock_timeout = '"
                            + LOCK_WAIT
                            + "'; SAVEPOINT request");
            lockWaitBounded = true;
        }
        open = true;
        tx.callStarted();
    }

    @Override
    public void release() {
        // left open: released with the next call's savepoint, or by the commit
        tx.callKept();
    }

    @Override
    public void rollbackToSavepoint() {
        tx.callRolledBack();
        tx.statements.control("ROLLBACK TO request; RELEASE request");
        open = false;
    }

    @Override
    public void commit() {
        if (tx.writesPending()) {
            try {
                if (lockWaitBounded) {
                    // the batch's last rows: worth waiting for, as its first call's were
                    tx.statements.control("SET LOCAL lock_timeout = 0");
                }
                tx.beforeCommit();
            } catch (StoreException e) {
                throw new StoreException("the batch's coalesced writes failed", e, false);
            }
        }
        open = false;
        lockWaitBounded = false;
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
        return error instanceof RaceLost || PgFault.retryable(error);
    }

    @Override
    public boolean gaveWay(Throwable error) {
        return PgFault.lockNotAvailable(error);
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
