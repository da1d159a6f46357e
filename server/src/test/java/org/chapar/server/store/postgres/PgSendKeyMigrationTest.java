package org.chapar.server.store.postgres;

import org.chapar.server.store.SendKeyMigrationCase;
import org.chapar.server.store.Store;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V7 copies each send's record key into its message row and drops the index by message: a
 * message stored before it is still purged with its record.
 */
class PgSendKeyMigrationTest {
    @Test
    void messagesFromBeforeTheKeyArePurgedWithTheirRecord() throws SQLException {
        try (PgTestDatabase db = PgTestDatabase.create()) {
            PgUrl url = db.url();
            Flyway.configure()
                    .dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/postgresql")
                    .target("6")
                    .load()
                    .migrate();
            try (Connection c = db.connect();
                    Statement st = c.createStatement()) {
                SendKeyMigrationCase.seed(st);
            }
            try (Store store = PgStore.open(url, 1, 1, 16)) {
                SendKeyMigrationCase.purgeEmptiesTheRecords(store);
            }
            try (Connection c = db.connect();
                    Statement st = c.createStatement()) {
                SendKeyMigrationCase.keyCopiedAndIndexGone(
                        st,
                        "SELECT count(*) FROM pg_indexes"
                                + " WHERE indexname = 'sent_random_ids_by_message'");
            }
        }
    }
}
