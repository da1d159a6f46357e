package org.chapar.server.store.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, started by
 * ./run-tests: scripts/services.sh), under a random name, dropped when closed. Never touches
 * another database, and never stops or reconfigures the server.
 */
final class PgTestDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    private final String name;

    private PgTestDatabase(String name) {
        this.name = name;
    }

    static PgTestDatabase create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "chapar_test_" + HexFormat.of().formatHex(random);
        admin("CREATE DATABASE " + name);
        return new PgTestDatabase(name);
    }

    PgUrl url() {
        return url(PORT);
    }

    /** The same database through another port (a proxy the test owns). */
    PgUrl url(int port) {
        return new PgUrl(HOST, port, name, "postgres", "");
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url().jdbcUrl(), "postgres", "");
        return c;
    }

    /** Empties every table of the chapar schema and restarts its id sequences. */
    void truncate() {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute(
                    "DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables"
                            + " WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'"
                            + " LOOP EXECUTE 'TRUNCATE ' || quote_ident(t) || ' RESTART IDENTITY"
                            + " CASCADE'; END LOOP; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + name, e);
        }
    }

    private static void admin(String sql) {
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                                "postgres",
                                "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL on "
                            + HOST
                            + ":"
                            + PORT
                            + " (user postgres, trust) is needed by this test; ./run-tests"
                            + " starts it (scripts/services.sh): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
