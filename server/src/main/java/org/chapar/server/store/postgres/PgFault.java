package org.chapar.server.store.postgres;

import java.sql.SQLException;
import java.util.Set;

/**
 * What a PostgreSQL error means for the session and for the write it happened in, by SQLSTATE. An
 * error of one statement aborts the transaction up to the last savepoint only; an error of the
 * connection (class 08, the server shutting down or crashing) leaves nothing to roll back to.
 */
final class PgFault {
    /** Lost a race: run the work again in a new transaction (docs/adr/0016). */
    private static final Set<String> RETRY =
            Set.of(
                    "40001", // serialization_failure
                    "40P01", // deadlock_detected
                    "23505", // unique_violation: a racing creator committed first
                    // lock_not_available: a lock_timeout the operator set (the writer's own bound
                    // applies only behind a kept call, which gives way instead: PgSession)
                    "55P03");

    private PgFault() {}

    /** Whether the connection may be gone or unusable: the session must be dropped. */
    static boolean endsSession(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            // the driver's own errors without a state are I/O on the socket
            return true;
        }
        return state.startsWith("08")
                || state.startsWith("57P") // admin_shutdown, crash_shutdown, cannot_connect_now
                || state.startsWith("53") // insufficient resources
                || state.startsWith("58") // system error (I/O)
                || state.startsWith("XX")
                || state.equals("25P02"); // in_failed_sql_transaction: a missed rollback
    }

    /** Whether the database is unreachable (rather than refusing one statement). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s
                    && (s.getSQLState() == null
                            || s.getSQLState().startsWith("08")
                            || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is a lost race that running the work again can win. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return RETRY.contains(s.getSQLState());
            }
        }
        return false;
    }

    /** Whether a statement gave up waiting for a lock (lock_timeout): 55P03 lock_not_available. */
    static boolean lockNotAvailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState().equals("55P03");
            }
        }
        return false;
    }

    /**
     * Whether a failed COMMIT may still have been applied: when the connection broke while waiting
     * for the answer the server may have committed; an error it answered with means it did not.
     */
    static boolean commitMayHaveApplied(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }
}
