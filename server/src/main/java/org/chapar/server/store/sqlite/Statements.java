package org.chapar.server.store.sqlite;

import org.chapar.server.store.jdbc.JdbcStatements;

import java.sql.Connection;

/** The prepared statements of one SQLite connection. */
final class Statements extends JdbcStatements {
    Statements(Connection connection) {
        super(connection, SqliteDialect.INSTANCE);
    }
}
