package org.chapar.server.store.sqlite;

import java.sql.SQLException;

/**
 * What an SQLite error means for the connection it happened on. SQLite may roll a whole transaction
 * back by itself on some errors (a full disk, I/O, locks, memory), and the driver then goes on
 * believing a transaction is open; the connection is only safe to drop. Errors of one statement (a
 * constraint, bad SQL, a value too big) leave the transaction as it was.
 */
final class SqliteFault {
    private static final int ERROR = 1;
    private static final int PERM = 3;
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int SCHEMA = 17;
    private static final int TOOBIG = 18;
    private static final int CONSTRAINT = 19;
    private static final int MISMATCH = 20;
    private static final int RANGE = 25;

    private SqliteFault() {}

    /** SQLite's primary result code; 0 for an exception that did not come from SQLite. */
    static int code(SQLException e) {
        return e.getErrorCode() & 0xFF;
    }

    /** Whether the connection may have lost its transaction and must not be used any more. */
    static boolean endsSession(SQLException e) {
        return switch (code(e)) {
            case 0, ERROR, SCHEMA, TOOBIG, CONSTRAINT, MISMATCH, RANGE -> false;
            default -> true;
        };
    }

    /**
     * Whether a failed COMMIT may still have reached the disk. A full disk, a lock or a read-only
     * file stop it before the commit record is written; after an I/O error (a failed fsync, say) it
     * may be there on the next start.
     */
    static boolean commitMayHaveApplied(SQLException e) {
        return switch (code(e)) {
            case FULL, BUSY, LOCKED, READONLY, PERM, CANTOPEN -> false;
            default -> true;
        };
    }
}
