package org.chapar.server.store.jdbc;

import java.sql.SQLException;

/**
 * What the shared repositories need to know of the database under them; the SQL itself is the same
 * in both (upserts by {@code ON CONFLICT}, ids by {@code RETURNING}, times as epoch integers).
 */
public interface Dialect {
    /** The {@link java.sql.Types} a null parameter is bound as. */
    int nullType();

    /**
     * Whether the error may have ended the connection's transaction: the session is then dropped.
     */
    boolean endsSession(SQLException e);

    /**
     * Whether a {@code long[]} parameter binds as an array, so a list of ids is one {@code = ANY
     * (?)}.
     */
    boolean bindsArrays();

    /**
     * Whether the writer session is the only one that changes the database, so its repositories may
     * keep rows that change (accounts, privacy) across transactions. With writers on several nodes
     * only rows that never change once they exist are kept (docs/adr/0008-store-concurrency.md).
     */
    boolean onlyWriter();
}
