package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.server.media.FileRecord;
import org.chapar.server.media.ThumbRecord;
import org.chapar.server.media.UploadRecord;
import org.chapar.server.message.MessageRecord;
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

    /** Media and bots (SQLite V11, V12) arrive whole and keep working: the purge included. */
    @Test
    void copiesMediaAndBotsAndTheirCountsKeepWorking() {
        long chat;
        try (Store sqlite = SqliteStore.open(dir, 1, true, 16)) {
            long owner = sqlite.write(tx -> tx.accounts().create("owner", "O", "$h", 1)).join();
            long bot = sqlite.write(tx -> tx.accounts().create("copy_bot", "B", "", 1)).join();
            chat = sqlite.write(tx -> tx.chats().privateChat(owner, bot, 5)).join();
            sqlite.write(
                            tx -> {
                                tx.bots().create(bot, owner, new byte[] {7, 7}, 2);
                                tx.bots().confirm(bot, 4);
                                tx.files().adoptBlob("sha-m", "key-m", 100);
                                tx.files().adoptBlob("sha-t", "key-t", 10);
                                tx.files()
                                        .create(
                                                new FileRecord(
                                                        "file-m",
                                                        "sha-m",
                                                        null,
                                                        100,
                                                        "image/png",
                                                        "p.png",
                                                        4,
                                                        3,
                                                        1,
                                                        0));
                                tx.files()
                                        .addThumb(
                                                new ThumbRecord(
                                                        "file-m", "s", "sha-t", null, 4, 3, 10));
                                tx.messages()
                                        .insert(MessageRecord.posted(chat, 1, owner, 5, "", 0));
                                tx.files().attach(chat, 1, "file-m");
                                tx.uploads()
                                        .create(
                                                new UploadRecord(
                                                        "up-m",
                                                        owner,
                                                        100,
                                                        30,
                                                        "",
                                                        "x",
                                                        "text/plain",
                                                        1,
                                                        9000,
                                                        null));
                                return null;
                            })
                    .join();
        }
        try (PgTestDatabase target = PgTestDatabase.create()) {
            List<SqliteToPostgres.TableCopy> copied = SqliteToPostgres.migrate(dir, target.url());
            assertThat(copied).allMatch(SqliteToPostgres.TableCopy::matches);
            assertThat(copied)
                    .extracting(SqliteToPostgres.TableCopy::table)
                    .contains(
                            "bots",
                            "uploads",
                            "blobs",
                            "blob_purges",
                            "files",
                            "file_thumbs",
                            "message_files");
            try (Store pg = PgStore.open(target.url(), 1, 1, 16)) {
                assertThat(pg.read(tx -> tx.accounts().byId(2)).join().orElseThrow().bot())
                        .isTrue();
                var bot = pg.read(tx -> tx.bots().byId(2)).join().orElseThrow();
                assertThat(bot.ownerId()).isEqualTo(1);
                assertThat(bot.secretHash()).containsExactly(7, 7);
                assertThat(bot.confirmedPts()).isEqualTo(4);
                assertThat(pg.read(tx -> tx.uploads().get("up-m")).join().orElseThrow().received())
                        .isEqualTo(30);
                FileRecord f = pg.read(tx -> tx.files().get("file-m")).join().orElseThrow();
                assertThat(f.refs()).isEqualTo(1);
                assertThat(f.blobKey()).isEqualTo("key-m");
                assertThat(pg.read(tx -> tx.files().visibleTo("file-m", 2)).join()).isTrue();
                // the copied counts are right: the last message's deletion purges it all
                long c = chat;
                pg.write(
                                tx -> {
                                    tx.messages().delete(c, List.of(1L));
                                    return null;
                                })
                        .join();
                assertThat(pg.read(tx -> tx.files().get("file-m")).join()).isEmpty();
                assertThat(pg.read(tx -> tx.files().blobPurges(10)).join())
                        .containsExactlyInAnyOrder("key-m", "key-t");
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
