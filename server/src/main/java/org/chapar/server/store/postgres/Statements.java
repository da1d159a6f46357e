package org.chapar.server.store.postgres;

import org.chapar.server.store.StoreException;
import org.chapar.server.store.jdbc.JdbcStatements;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The prepared statements of one PostgreSQL connection. The driver prepares each statement on the
 * server once it has been run a few times ({@code prepareThreshold}), so keeping the JDBC statement
 * is what makes repeated statements one round trip of bind and execute.
 */
final class Statements extends JdbcStatements {
    Statements(Connection connection) {
        super(connection, PgDialect.INSTANCE);
    }

    /** Runs statements with the simple protocol, all in one round trip (savepoint control). */
    void control(String sql) {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            faultedIfEnding(e);
            throw new StoreException("failed: " + sql, e);
        }
    }
}
