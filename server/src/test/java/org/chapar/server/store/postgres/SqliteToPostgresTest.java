package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.server.store.DataDirException;
import org.chapar.server.store.Store;
import org.chapar.server.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** The copy of chapar admin migrate: counts and checksums match, and it refuses a used target. */
class SqliteToPostgresTest {
    @TempDir Path dir;

    @Test
    void copiesEveryTableAndRefusesATargetThatIsNotEmpty() {
        try (Store sqlite = SqliteStore.open(dir, 1, true, 16)) {
            long a = sqlite.write(tx -> tx.accounts().create("first", "F", "$h", 1)).join();
            long b = sqlite.write(tx -> tx.accounts().create("second", "S", "$h", 1)).join();
            sqlite.write(tx -> tx.chats().privateChat(a, b, 5)).join();
            sqlite.write(tx -> tx.serverKeys().getOrCreate("k", () -> new byte[] {1, 2, 3})).join();
        }
        try (PgTestDatabase target = PgTestDatabase.create()) {
            List<SqliteToPostgres.TableCopy> copied = SqliteToPostgres.migrate(dir, target.url());
            assertThat(copied).allMatch(SqliteToPostgres.TableCopy::matches);
            assertThat(copied)
                    .filteredOn(t -> t.table().equals("users"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.targetRows()).isEqualTo(2));
            assertThat(copied)
                    .extracting(SqliteToPostgres.TableCopy::table)
                    .contains("server_keys", "private_chats", "chats", "box_heads");

            assertThatThrownBy(() -> SqliteToPostgres.migrate(dir, target.url()))
                    .isInstanceOf(DataDirException.class)
                    .hasMessageContaining("is not empty");

            try (Store pg = PgStore.open(target.url(), 1, 1, 16)) {
                long c = pg.write(tx -> tx.accounts().create("third", "T", "$h", 1)).join();
                assertThat(c).as("ids continue after the copied ones").isEqualTo(3);
                assertThat(pg.read(tx -> tx.chats().findPrivateChat(1, 2)).join()).isPresent();
            }
        }
    }

    @Test
    void refusesADataDirectoryWithoutADatabase() {
        try (PgTestDatabase target = PgTestDatabase.create()) {
            assertThatThrownBy(() -> SqliteToPostgres.migrate(dir.resolve("none"), target.url()))
                    .isInstanceOf(DataDirException.class)
                    .hasMessageContaining("no database to migrate");
        }
    }
}
