package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Migration V10 counts each user's own existing messages into their private dialogs, and drops the
 * index that answered the same question before.
 */
class OwnMessagesMigrationTest {
    @TempDir Path dir;

    @Test
    void dialogsFromBeforeTheCountGetTheCountOfTheirOwnMessages() throws SQLException {
        String url = OlderSchema.migratedTo(dir, "9");
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "INSERT INTO users (id, username, username_key, display_name, password_hash,"
                            + " created) VALUES (1, 'a', 'a', 'A', '$h', 1),"
                            + " (2, 'b', 'b', 'B', '$h', 1), (3, 'c', 'c', 'C', '$h', 1)");
            // 10: private a-b, 11: c's saved messages, 12: a supergroup
            st.executeUpdate(
                    "INSERT INTO chats (id, kind, created) VALUES (10, 1, 1), (11, 1, 1), (12, 3, 1)");
            st.executeUpdate(
                    "INSERT INTO private_chats (user_lo, user_hi, chat_id) VALUES (1, 2, 10), (3, 3, 11)");
            st.executeUpdate(
                    "INSERT INTO messages (chat_id, id, from_id, date, text) VALUES"
                            + " (10, 1, 1, 1, 'x'), (10, 2, 1, 1, 'x'), (10, 3, 2, 1, 'x'),"
                            + " (10, 4, 1, 1, 'x'), (11, 1, 3, 1, 'x'), (12, 1, 1, 1, 'x')");
            st.executeUpdate(
                    "INSERT INTO hidden_messages (user_id, chat_id, message_id) VALUES (1, 10, 4)");
            st.executeUpdate(
                    "INSERT INTO dialogs (user_id, chat_id, peer_user_id, top_message_id, top_date)"
                            + " VALUES (1, 10, 2, 4, 1), (2, 10, 1, 4, 1), (3, 11, 3, 1, 1),"
                            + " (1, 12, 0, 1, 1), (2, 12, 0, 1, 1)");
        }

        try (Store store = SqliteStore.open(dir, 1, true, 16)) {
            assertThat(store.read(tx -> tx.dialogs().hasWritten(1, 10)).join()).isTrue();
            assertThat(store.read(tx -> tx.dialogs().hasWritten(2, 10)).join()).isTrue();
            assertThat(store.read(tx -> tx.dialogs().hasWritten(3, 11)).join()).isTrue();
            assertThat(store.read(tx -> tx.dialogs().hasWritten(1, 12)).join())
                    .as("shared chats keep no count")
                    .isFalse();
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rs =
                    st.executeQuery("SELECT user_id, chat_id, own_messages FROM dialogs")) {
                while (rs.next()) {
                    counts.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getInt(3));
                }
            }
            assertThat(counts)
                    .as("a hidden message still exists and counts")
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("1/10", 3, "2/10", 1, "3/11", 1, "1/12", 0, "2/12", 0));
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT count(*) FROM sqlite_master WHERE name = 'messages_by_sender'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
