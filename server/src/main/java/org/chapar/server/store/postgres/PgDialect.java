package org.chapar.server.store.postgres;

import org.chapar.server.store.jdbc.Dialect;

import java.sql.SQLException;
import java.sql.Types;

/** PostgreSQL for the shared repositories: arrays bind, and other nodes write beside this one. */
enum PgDialect implements Dialect {
    INSTANCE;

    @Override
    public int nullType() {
        return Types.OTHER;
    }

    @Override
    public boolean endsSession(SQLException e) {
        return PgFault.endsSession(e);
    }

    @Override
    public boolean bindsArrays() {
        return true;
    }

    @Override
    public boolean onlyWriter() {
        return false;
    }
}
