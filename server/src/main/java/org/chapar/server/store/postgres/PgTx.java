package org.chapar.server.store.postgres;

import org.chapar.server.store.jdbc.JdbcTx;

import java.sql.Connection;

/**
 * The repositories over one PostgreSQL connection; they share its statement cache. Those both
 * adapters share come from {@link JdbcTx}; files are its own.
 */
final class PgTx extends JdbcTx {
    final Statements statements;

    /**
     * {@code writer}: a session of a group-commit writer, whose private chat ids may be cached (a
     * pair's chat never changes once it exists); nothing mutable is cached across transactions.
     */
    PgTx(Connection connection, boolean writer, int boxRetention) {
        this(new Statements(connection), writer, boxRetention);
    }

    private PgTx(Statements statements, boolean writer, int boxRetention) {
        super(statements, PgDialect.INSTANCE, writer, boxRetention, new PgFiles(statements));
        this.statements = statements;
    }
}
