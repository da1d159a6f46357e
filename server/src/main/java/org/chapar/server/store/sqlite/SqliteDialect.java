package org.chapar.server.store.sqlite;

import org.chapar.server.store.jdbc.Dialect;

import java.sql.SQLException;
import java.sql.Types;

/**
 * SQLite for the shared repositories: no arrays, and one writer per database (its data directory's
 * lock).
 */
enum SqliteDialect implements Dialect {
    INSTANCE;

    @Override
    public int nullType() {
        return Types.NULL;
    }

    @Override
    public boolean endsSession(SQLException e) {
        return SqliteFault.endsSession(e);
    }

    @Override
    public boolean bindsArrays() {
        return false;
    }

    @Override
    public boolean onlyWriter() {
        return true;
    }
}
