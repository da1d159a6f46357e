package org.chapar.server.store.postgres;

import org.chapar.server.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepared statements of one connection, prepared once and reused, with small helpers that keep
 * JDBC's checked exceptions out of the repositories. Not thread-safe: one per connection.
 *
 * <p>The driver prepares each statement on the server once it has been run a few times ({@code
 * prepareThreshold}), so keeping the JDBC statement is what makes repeated statements one round
 * trip of bind and execute. A statement that failed is dropped from the cache. An error of the
 * connection itself (it closed, the server went away) is kept as its {@link #fault()}: the session
 * is then dropped. Any other error aborts only the current savepoint, which the caller rolls back.
 */
final class Statements {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    private SQLException fault;

    Statements(Connection connection) {
        this.connection = connection;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            cache.put(sql, st);
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                st.setNull(i + 1, java.sql.Types.OTHER);
            } else if (a instanceof Long l) {
                st.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                st.setInt(i + 1, n);
            } else if (a instanceof String s) {
                st.setString(i + 1, s);
            } else if (a instanceof byte[] b) {
                st.setBytes(i + 1, b);
            } else if (a instanceof Boolean b) {
                st.setInt(i + 1, b ? 1 : 0);
            } else if (a instanceof long[] longs) {
                st.setObject(i + 1, longs);
            } else {
                throw new IllegalArgumentException("unsupported parameter " + a);
            }
        }
        return st;
    }

    int update(String sql, Object... args) {
        try {
            return prepare(sql, args).executeUpdate();
        } catch (SQLException e) {
            throw failed("update failed: ", sql, e);
        }
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed("query failed: ", sql, e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw failed("query failed: ", sql, e);
        }
    }

    long oneLong(String sql, long absent, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(absent);
    }

    /** The first error that may have ended this connection's transaction, or null. */
    SQLException fault() {
        return fault;
    }

    /** Records an error of the connection itself (a failed commit, say): the session is done. */
    void faulted(SQLException e) {
        if (fault == null) {
            fault = e;
        }
    }

    private StoreException failed(String what, String sql, SQLException e) {
        PreparedStatement dead = cache.remove(sql);
        if (dead != null) {
            try {
                dead.close();
            } catch (SQLException ignored) {
                // the connection may be gone already
            }
        }
        if (PgFault.endsSession(e)) {
            faulted(e);
        }
        return new StoreException(what + sql, e);
    }

    /** Runs statements with the simple protocol, all in one round trip (savepoint control). */
    void control(String sql) {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            if (PgFault.endsSession(e)) {
                faulted(e);
            }
            throw new StoreException("failed: " + sql, e);
        }
    }

    Connection connection() {
        return connection;
    }

    void close() {
        for (PreparedStatement st : cache.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing: nothing useful to do
            }
        }
        cache.clear();
    }

    /** "?, ?, ?" for an IN list of n values. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
