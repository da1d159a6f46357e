package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Migration V9 gives every account made before it an author seed of its own. */
class AuthorSeedMigrationTest {
    @TempDir Path dir;

    @Test
    void accountsFromBeforeAuthorTagsGetTheirOwnSeed() throws SQLException {
        String url = OlderSchema.migratedTo(dir, "8");
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "INSERT INTO users (id, username, username_key, display_name, password_hash,"
                            + " created) VALUES (1, 'old', 'old', 'Old', '$h', 1),"
                            + " (2, 'older', 'older', 'Older', '$h', 1)");
        }

        try (Store store = SqliteStore.open(dir, 1, true, 16)) {
            byte[] first = store.read(tx -> tx.authorSeeds().get(1)).join().orElseThrow();
            byte[] second = store.read(tx -> tx.authorSeeds().get(2)).join().orElseThrow();
            assertThat(first).hasSize(16);
            assertThat(second).hasSize(16).isNotEqualTo(first);
        }
    }
}
