package org.chapar.server.store.sqlite;

import org.chapar.server.store.jdbc.JdbcTx;

import java.sql.Connection;

/**
 * The repositories over one SQLite connection; they share its statement cache. Those both adapters
 * share come from {@link JdbcTx}; files are its own.
 */
final class SqliteTx extends JdbcTx {
    final Statements statements;

    /** {@code writer}: the one connection that changes data, whose repositories may cache. */
    SqliteTx(Connection connection, boolean writer, int boxRetention) {
        this(new Statements(connection), writer, boxRetention);
    }

    private SqliteTx(Statements statements, boolean writer, int boxRetention) {
        super(
                statements,
                SqliteDialect.INSTANCE,
                writer,
                boxRetention,
                new SqliteFiles(statements));
        this.statements = statements;
    }
}
