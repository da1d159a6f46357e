package org.chapar.server.store.jdbc;

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
 * JDBC's checked exceptions out of the repositories. Not thread-safe: one per connection. Each
 * adapter extends it as its {@code Statements}, for what only it does.
 *
 * <p>A statement that failed is dropped from the cache and prepared afresh next time (SQLite's
 * driver finalizes it on most errors; PostgreSQL's may hold a server-side plan of it). An error
 * that may have ended the connection's transaction ({@link Dialect#endsSession}) is kept as its
 * {@link #fault()}: the session is then dropped. Any other error aborts only the current call,
 * which the caller rolls back.
 */
public class JdbcStatements {
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    private SQLException fault;

    protected JdbcStatements(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            cache.put(sql, st);
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                st.setNull(i + 1, dialect.nullType());
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
            } else if (a instanceof long[] longs && dialect.bindsArrays()) {
                st.setObject(i + 1, longs);
            } else {
                throw new IllegalArgumentException("unsupported parameter " + a);
            }
        }
        return st;
    }

    public int update(String sql, Object... args) {
        try {
            return prepare(sql, args).executeUpdate();
        } catch (SQLException e) {
            throw failed("update failed: ", sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) {
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

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw failed("query failed: ", sql, e);
        }
    }

    public long oneLong(String sql, long absent, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(absent);
    }

    /** The first error that may have ended this connection's transaction, or null. */
    public SQLException fault() {
        return fault;
    }

    /** Records an error of the connection itself (a failed commit, say): the session is done. */
    public void faulted(SQLException e) {
        if (fault == null) {
            fault = e;
        }
    }

    /** Whether the dialect counts the error as ending the session; records it if so. */
    protected boolean faultedIfEnding(SQLException e) {
        if (dialect.endsSession(e)) {
            faulted(e);
            return true;
        }
        return false;
    }

    protected Connection connection() {
        return connection;
    }

    private StoreException failed(String what, String sql, SQLException e) {
        PreparedStatement dead = cache.remove(sql);
        if (dead != null) {
            try {
                dead.close();
            } catch (SQLException ignored) {
                // finalized by the driver already, or the connection is gone
            }
        }
        faultedIfEnding(e);
        return new StoreException(what + sql, e);
    }

    public void close() {
        for (PreparedStatement st : cache.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing: nothing useful to do
            }
        }
        cache.clear();
    }
}
