package org.chapar.server.store.postgres;

import org.chapar.server.store.DataDirException;
import org.chapar.server.store.sqlite.SqliteExport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chapar admin migrate}: copies a stopped embedded deployment (its data directory, locked
 * meanwhile) into an empty PostgreSQL database, every table and row, in one PostgreSQL transaction.
 * Each table is counted and checksummed on both sides (an order-free sum of a SHA-256 of each row's
 * values); the copy commits only if every count and checksum match, so a failed migration leaves
 * the target as empty as it was. Identity sequences continue after the highest id SQLite ever gave.
 */
public final class SqliteToPostgres {
    /** Copied first, in this order, for the foreign keys; every other table after them. */
    private static final List<String> FIRST = List.of("users", "bots", "chats", "shared_chats");

    private static final int BATCH = 500;

    /** One table's rows and checksums on both sides. */
    public record TableCopy(
            String table, long sourceRows, long targetRows, long sourceSum, long targetSum) {
        public boolean matches() {
            return sourceRows == targetRows && sourceSum == targetSum;
        }
    }

    private SqliteToPostgres() {}

    /**
     * Copies {@code dataDir} into {@code target}.
     *
     * @return every table's counts and checksums, all matching
     * @throws DataDirException when the target is not empty, a table has no counterpart, or a count
     *     or checksum differs (then nothing was committed)
     */
    public static List<TableCopy> migrate(Path dataDir, PgUrl target) {
        PgDatabase.migrate(target);
        return SqliteExport.read(dataDir, source -> copy(source, target));
    }

    private static List<TableCopy> copy(Connection source, PgUrl target) throws SQLException {
        try (Connection pg = DriverManager.getConnection(target.jdbcUrl(), credentials(target))) {
            pg.setAutoCommit(false);
            List<String> tables = tables(source);
            Map<String, Map<String, String>> targetColumns = new LinkedHashMap<>();
            for (String t : tables) {
                Map<String, String> cols = columns(pg, t);
                if (cols.isEmpty()) {
                    throw new DataDirException(
                            "table "
                                    + t
                                    + " of the data directory has no counterpart in the"
                                    + " PostgreSQL schema (db/postgresql): this version cannot"
                                    + " migrate it");
                }
                targetColumns.put(t, cols);
                long rows = count(pg, t);
                if (rows > 0) {
                    throw new DataDirException(
                            "the target database "
                                    + target
                                    + " is not empty (table "
                                    + t
                                    + " has "
                                    + rows
                                    + " rows); migrate into a new, empty database");
                }
            }
            List<TableCopy> result = new ArrayList<>();
            for (String t : tables) {
                List<String> cols = sourceColumns(source, t);
                long[] src = copyTable(source, pg, t, cols, targetColumns.get(t));
                long[] dst = sum(pg, t, cols);
                result.add(new TableCopy(t, src[0], dst[0], src[1], dst[1]));
            }
            continueSequences(source, pg);
            if (!result.stream().allMatch(TableCopy::matches)) {
                pg.rollback();
                return result;
            }
            pg.commit();
            return result;
        }
    }

    private static java.util.Properties credentials(PgUrl url) {
        java.util.Properties p = PgDatabase.driverProperties();
        p.setProperty("user", url.user());
        if (!url.password().isEmpty()) {
            p.setProperty("password", url.password());
        }
        p.remove("socketTimeout");
        return p;
    }

    private static List<String> tables(Connection source) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Statement st = source.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT"
                                        + " LIKE 'sqlite_%' AND name <> 'flyway_schema_history'"
                                        + " ORDER BY name")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String t : FIRST) {
            if (all.remove(t)) {
                ordered.add(t);
            }
        }
        ordered.addAll(all);
        return ordered;
    }

    private static List<String> sourceColumns(Connection source, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement st = source.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                cols.add(rs.getString(1));
            }
        }
        return cols;
    }

    /** The target table's columns and their types; empty when there is no such table. */
    private static Map<String, String> columns(Connection pg, String table) throws SQLException {
        Map<String, String> cols = new LinkedHashMap<>();
        try (PreparedStatement st =
                pg.prepareStatement(
                        "SELECT column_name, data_type FROM information_schema.columns WHERE"
                                + " table_schema = current_schema() AND table_name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    cols.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return cols;
    }

    private static long count(Connection pg, String table) throws SQLException {
        try (Statement st = pg.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Copies every row; returns the source's row count and checksum. */
    private static long[] copyTable(
            Connection source,
            Connection pg,
            String table,
            List<String> cols,
            Map<String, String> types)
            throws SQLException {
        for (String c : cols) {
            if (!types.containsKey(c)) {
                throw new DataDirException(
                        "column " + table + "." + c + " has no counterpart in PostgreSQL");
            }
        }
        String list = String.join(", ", cols);
        String marks = String.join(", ", java.util.Collections.nCopies(cols.size(), "?"));
        long rows = 0;
        long sum = 0;
        try (Statement read = source.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
                PreparedStatement insert =
                        pg.prepareStatement(
                                "INSERT INTO "
                                        + table
                                        + " ("
                                        + list
                                        + ") VALUES ("
                                        + marks
                                        + ")")) {
            int pending = 0;
            while (rs.next()) {
                Object[] row = new Object[cols.size()];
                for (int i = 0; i < cols.size(); i++) {
                    String type = types.get(cols.get(i));
                    Object v = value(rs, i + 1, type);
                    row[i] = v;
                    bind(insert, i + 1, v, type);
                }
                sum += hash(row);
                rows++;
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return new long[] {rows, sum};
    }

    /** Reads back what the target holds: row count and checksum. */
    private static long[] sum(Connection pg, String table, List<String> cols) throws SQLException {
        Map<String, String> types = columns(pg, table);
        long rows = 0;
        long sum = 0;
        try (Statement st = pg.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs =
                    st.executeQuery("SELECT " + String.join(", ", cols) + " FROM " + table)) {
                while (rs.next()) {
                    Object[] row = new Object[cols.size()];
                    for (int i = 0; i < cols.size(); i++) {
                        row[i] = value(rs, i + 1, types.get(cols.get(i)));
                    }
                    sum += hash(row);
                    rows++;
                }
            }
        }
        return new long[] {rows, sum};
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        Object v =
                switch (type) {
                    case "bigint", "integer", "smallint" -> rs.getLong(i);
                    case "bytea" -> rs.getBytes(i);
                    default -> rs.getString(i);
                };
        return rs.wasNull() ? null : v;
    }

    private static void bind(PreparedStatement st, int i, Object v, String type)
            throws SQLException {
        if (v == null) {
            st.setNull(
                    i,
                    switch (type) {
                        case "bigint", "integer", "smallint" -> Types.BIGINT;
                        case "bytea" -> Types.BINARY;
                        default -> Types.VARCHAR;
                    });
        } else if (v instanceof Long l) {
            st.setLong(i, l);
        } else if (v instanceof byte[] b) {
            st.setBytes(i, b);
        } else {
            st.setString(i, (String) v);
        }
    }

    /** The first 8 bytes of a SHA-256 of the row's values, each tagged with its type. */
    private static long hash(Object[] row) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Object v : row) {
            byte[] bytes;
            if (v == null) {
                bytes = new byte[] {'n'};
            } else if (v instanceof byte[] b) {
                md.update((byte) 'b');
                md.update(intBytes(b.length));
                bytes = b;
            } else {
                String s = v instanceof Long l ? "i" + l : "s" + v;
                byte[] text = s.getBytes(StandardCharsets.UTF_8);
                md.update(intBytes(text.length));
                bytes = text;
            }
            md.update(bytes);
        }
        byte[] d = md.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** New users and chats get ids above every id SQLite ever handed out, deleted ones included. */
    private static void continueSequences(Connection source, Connection pg) throws SQLException {
        Map<String, Long> seq = new LinkedHashMap<>();
        try (Statement st = source.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
            while (rs.next()) {
                seq.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (String t : List.of("users", "chats")) {
            try (PreparedStatement st =
                    pg.prepareStatement(
                            "SELECT setval(pg_get_serial_sequence('"
                                    + t
                                    + "', 'id'),"
                                    + " greatest(?, (SELECT coalesce(max(id), 0) FROM "
                                    + t
                                    + ")) + 1, false)")) {
                st.setLong(1, seq.getOrDefault(t, 0L));
                st.execute();
            }
        }
    }
}
