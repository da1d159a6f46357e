package org.chapar.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database of a test's own on the machine's shared PostgreSQL (127.0.0.1:5432, user postgres,
 * trust; ./run-tests starts it: scripts/services.sh), under a random name, dropped (with whatever
 * connections are left) when closed. Never stops or reconfigures the server.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    public static PostgresTestDatabase create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "chapar_it_" + HexFormat.of().formatHex(random);
        admin("CREATE DATABASE " + name);
        return new PostgresTestDatabase(name);
    }

    public String name() {
        return name;
    }

    /** The store URL of this database, for {@code --store} / {@code -Dchapar.store}. */
    public String url() {
        return url(PORT);
    }

    /** The same database through another port on loopback (a {@link TcpProxy}). */
    public String url(int port) {
        return "postgresql://postgres@" + HOST + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "postgres", "");
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
                    "this test needs PostgreSQL on "
                            + HOST
                            + ":"
                            + PORT
                            + " (user postgres, trust), which ./run-tests starts"
                            + " (scripts/services.sh): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
