package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.message.SentRef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The data and the checks of the migration that copies each send's record key into its message row
 * (ADR 0032), shared by both stores' migration tests: the rows go in on the schema before it, the
 * checks run on the migrated store.
 */
public final class SendKeyMigrationCase {
    private SendKeyMigrationCase() {}

    /**
     * Two users, their private chat 10, and messages 1 (a's send), 2 (an anonymous post's, keyed by
     * a hash), 3 (no record), 4 (a's, kept), with the records of 1, 2, 4 and one purged earlier.
     */
    public static void seed(Statement st) throws SQLException {
        st.executeUpdate(
                "INSERT INTO users (id, username, username_key, display_name, password_hash,"
                        + " created) VALUES (1, 'a', 'a', 'A', '$h', 1), (2, 'b', 'b', 'B', '$h', 1)");
        st.executeUpdate("INSERT INTO chats (id, kind, created) VALUES (10, 1, 1)");
        st.executeUpdate("INSERT INTO private_chats (user_lo, user_hi, chat_id) VALUES (1, 2, 10)");
        st.executeUpdate(
                "INSERT INTO messages (chat_id, id, from_id, date, text) VALUES"
                        + " (10, 1, 1, 1, 'x'), (10, 2, 0, 1, 'x'), (10, 3, 0, 1, 'x'),"
                        + " (10, 4, 1, 1, 'x')");
        st.executeUpdate(
                "INSERT INTO sent_random_ids (user_id, random_id, chat_id, message_id, pts)"
                        + " VALUES (1, 71, 10, 1, 1), (-5, 0, 10, 2, 2), (1, 74, 10, 4, 4),"
                        + " (2, 99, 0, 0, 0)");
    }

    /** Purges 1, 2 and 3 on the migrated store: their records are emptied, 4's is untouched. */
    public static void purgeEmptiesTheRecords(Store store) {
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

    /**
     * Message 4 holds its record's key, and the index is gone ({@code indexCount}: a query counting
     * indexes named sent_random_ids_by_message in this database's catalogue).
     */
    public static void keyCopiedAndIndexGone(Statement st, String indexCount) throws SQLException {
        try (ResultSet rs =
                st.executeQuery(
                        "SELECT sent_user_id, sent_random_id FROM messages"
                                + " WHERE chat_id = 10 AND id = 4")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(74);
        }
        try (ResultSet rs = st.executeQuery(indexCount)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
