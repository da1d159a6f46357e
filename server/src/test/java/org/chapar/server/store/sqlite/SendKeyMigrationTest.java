package org.chapar.server.store.sqlite;

import org.chapar.server.store.SendKeyMigrationCase;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V16 copies each send's record key into its message row and drops the index by message:
 * a message stored before it is still purged with its record.
 */
class SendKeyMigrationTest {
    @TempDir Path dir;

    @Test
    void messagesFromBeforeTheKeyArePurgedWithTheirRecord() throws SQLException {
        String url = OlderSchema.migratedTo(dir, "15");
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            SendKeyMigrationCase.seed(st);
        }
        try (Store store = SqliteStore.open(dir, 1, true, 16)) {
            SendKeyMigrationCase.purgeEmptiesTheRecords(store);
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            SendKeyMigrationCase.keyCopiedAndIndexGone(
                    st,
                    "SELECT count(*) FROM sqlite_master WHERE name = 'sent_random_ids_by_message'");
        }
    }
}
