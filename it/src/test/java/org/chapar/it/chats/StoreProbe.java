package org.chapar.it.chats;

import org.chapar.testkit.ChaparServerExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Looks into the running server's SQLite file, for assertions on what is stored (and what is not).
 *
 * <p>Only for what the file alone can show: that nothing of a purged or private thing lingers on
 * disk. Whatever a request can show is checked through the protocol instead, so the test holds on
 * any store adapter.
 */
final class StoreProbe {
    private StoreProbe() {}

    static long count(ChaparServerExtension server, String sql, Object... args) {
        return withConnection(
                server,
                c -> {
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        for (int i = 0; i < args.length; i++) {
                            st.setObject(i + 1, args[i]);
                        }
                        try (ResultSet rs = st.executeQuery()) {
                            return rs.next() ? rs.getLong(1) : 0L;
                        }
                    }
                });
    }

    /** Runs one statement that changes the file (tests only: e.g. to make ids large). */
    static void execute(ChaparServerExtension server, String sql) {
        withConnection(
                server,
                c -> {
                    try (var st = c.createStatement()) {
                        st.setQueryTimeout(10);
                        st.executeUpdate(sql);
                    }
                    return null;
                });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static <T> T withConnection(ChaparServerExtension server, Work<T> work) {
        String url = "jdbc:sqlite:" + server.dataDir().resolve("chapar.db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            return work.run(c);
        } catch (SQLException e) {
            throw new AssertionError("cannot read the store: " + e, e);
        }
    }
}
