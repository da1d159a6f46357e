package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The pragmas each kind of connection runs with. */
class SqliteSessionTest {
    @TempDir Path dir;

    @Test
    void theWriterCheckpointsEvery64MiBOfWalAndKeepsFullSync() throws Exception {
        SqliteFile file = new SqliteFile(dir.resolve("t.db"), true, 1000);
        try (Connection writer = SqliteSession.connect(file, false)) {
            assertThat(pragma(writer, "wal_autocheckpoint")).isEqualTo(16_384);
            assertThat(pragma(writer, "synchronous")).as("FULL").isEqualTo(2);
            assertThat(pragma(writer, "page_size") * 16_384L).isEqualTo(64L << 20);
        }
    }

    @Test
    void onlyTheWriterTakesTheLargerCheckpoint() throws Exception {
        SqliteFile file = new SqliteFile(dir.resolve("t.db"), true, 1000);
        try (Connection writer = SqliteSession.connect(file, false);
                Connection reader = SqliteSession.connect(file, true)) {
            assertThat(pragma(reader, "wal_autocheckpoint")).isEqualTo(1000);
        }
    }

    private static int pragma(Connection c, String name) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
