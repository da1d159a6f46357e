package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.message.SentRef;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

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
            st.executeUpdate(
                    "INSERT INTO users (id, username, username_key, display_name, password_hash,"
                            + " created) VALUES (1, 'a', 'a', 'A', '$h', 1), (2, 'b', 'b', 'B', '$h', 1)");
            st.executeUpdate("INSERT INTO chats (id, kind, created) VALUES (10, 1, 1)");
            st.executeUpdate(
                    "INSERT INTO private_chats (user_lo, user_hi, chat_id) VALUES (1, 2, 10)");
            // 1: a's send; 2: an anonymous post's (keyed by a hash); 3: no record; 4: a's, kept
            st.executeUpdate(
                    "INSERT INTO messages (chat_id, id, from_id, date, text) VALUES"
                            + " (10, 1, 1, 1, 'x'), (10, 2, 0, 1, 'x'), (10, 3, 0, 1, 'x'),"
                            + " (10, 4, 1, 1, 'x')");
            st.executeUpdate(
                    "INSERT INTO sent_random_ids (user_id, random_id, chat_id, message_id, pts)"
                            + " VALUES (1, 71, 10, 1, 1), (-5, 0, 10, 2, 2), (1, 74, 10, 4, 4),"
                            + " (2, 99, 0, 0, 0)");
        }

        try (Store store = SqliteStore.open(dir, 1, true, 16)) {
            store.write(
                            tx -> {
                                tx.messages().delete(10, List.of(1L, 2L, 3L));
                                return null;
                            })
                    .join();
            assertThat(store.read(tx -> tx.messages().findSent(1, 71)).join())
                    .contains(new SentRef(0, 0, 0));
            assertThat(store.read(tx -> tx.messages().findSent(-5, 0)).join())
                    .contains(new SentRef(0, 0, 0));
            assertThat(store.read(tx -> tx.messages().findSent(1, 74)).join())
                    .contains(new SentRef(10, 4, 4));
            assertThat(store.read(tx -> tx.messages().findSent(2, 99)).join())
                    .as("a record purged before the migration stays as it was")
                    .contains(new SentRef(0, 0, 0));
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT sent_user_id, sent_random_id FROM messages"
                                    + " WHERE chat_id = 10 AND id = 4")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getLong(2)).isEqualTo(74);
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT count(*) FROM sqlite_master"
                                    + " WHERE name = 'sent_random_ids_by_message'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
