package org.chapar.server.store.postgres;

import org.chapar.server.store.ConcurrentWritersContract;
import org.chapar.server.store.RaceLost;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.StoreTx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The races of ADR 0008 on PostgreSQL: each writer is a connection of its own in read committed, as
 * another node's writer would be. Racing statements wait on the counter row's lock and re-check it;
 * a race to create loses on the unique key and runs again, as {@link PgSession} makes the node's
 * writer do.
 */
class PgConcurrentWritersTest extends ConcurrentWritersContract {
    private static PgTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PgTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Store openEmpty() {
        Store s = PgStore.open(database.url(), 1, 2, 16);
        database.truncate();
        return s;
    }

    @Override
    protected Writer openWriter() throws SQLException {
        return OtherNode.open(database);
    }

    /** A writer of another node on {@code db}; PgMediaRacesTest races media repositories on it. */
    record OtherNode(Connection connection) implements Writer {
        static OtherNode open(PgTestDatabase db) throws SQLException {
            Connection c = db.connect();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return new OtherNode(c);
        }

        private static final int ATTEMPTS = 20;

        @Override
        public <T> T inTransaction(Function<StoreTx, T> work) {
            for (int attempt = 1; ; attempt++) {
                PgTx tx = new PgTx(connection, false, 16);
                try {
                    T result = work.apply(tx);
                    connection.commit();
                    return result;
                } catch (RuntimeException e) {
                    rollback();
                    if (!(e instanceof RaceLost || PgFault.retryable(e)) || attempt == ATTEMPTS) {
                        throw e;
                    }
                } catch (SQLException e) {
                    rollback();
                    throw new StoreException("commit failed", e);
                } finally {
                    tx.statements.close();
                }
            }
        }

        private void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new StoreException("rollback failed", e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("close failed", e);
            }
        }
    }
}
