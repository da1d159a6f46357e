package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.media.FileRecord;
import org.chapar.server.media.UploadRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The media and bot counters raced by two nodes' writers on one PostgreSQL database (read
 * committed, docs/adr/0008): both transactions look first, wait for each other, then write, so
 * neither can rely on what it read. SQLite's single writer never lets these interleave.
 */
class PgMediaRacesTest {
    private static PgTestDatabase database;
    private Store store;

    @BeforeAll
    static void createDatabase() {
        database = PgTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void open() {
        store = PgStore.open(database.url(), 1, 2, 16);
        database.truncate();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private <T> T write(Function<StoreTx, T> work) {
        return store.write(work).join();
    }

    private <T> T read(Function<StoreTx, T> work) {
        return store.read(work).join();
    }

    /** Runs both in transactions of two other nodes at once, each after the other has looked. */
    private <R> List<R> race(Function<StoreTx, R> first, Function<StoreTx, R> second)
            throws Exception {
        CountDownLatch bothLooked = new CountDownLatch(2);
        try (var a = PgConcurrentWritersTest.OtherNode.open(database);
                var b = PgConcurrentWritersTest.OtherNode.open(database);
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<R> fa = pool.submit(() -> a.inTransaction(tx -> side(tx, first, bothLooked)));
            Future<R> fb = pool.submit(() -> b.inTransaction(tx -> side(tx, second, bothLooked)));
            return List.of(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
        }
    }

    private static <R> R side(StoreTx tx, Function<StoreTx, R> act, CountDownLatch both) {
        tx.files().blobPurges(1); // the transaction has read: its snapshot is taken
        both.countDown();
        try {
            assertThat(both.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return act.apply(tx);
    }

    private static FileRecord file(String id, String sha) {
        return new FileRecord(id, sha, null, 100, "image/png", "a.png", 1, 1, 1, 0);
    }

    private List<String> purges() {
        return read(tx -> tx.files().blobPurges(10));
    }

    @Test
    void twoNodesStoringOneContentKeepOneCopyCountedTwice() throws Exception {
        List<String> kept =
                race(
                        tx -> tx.files().adoptBlob("sha-same", "key-a", 100),
                        tx -> tx.files().adoptBlob("sha-same", "key-b", 100));
        assertThat(kept.get(0)).isEqualTo(kept.get(1)).isIn("key-a", "key-b");
        String loser = kept.get(0).equals("key-a") ? "key-b" : "key-a";
        assertThat(purges()).containsExactly(loser);
        write(
                tx -> {
                    tx.files().blobPurged(loser);
                    tx.files().create(file("f-1", "sha-same"));
                    tx.files().create(file("f-2", "sha-same"));
                    return null;
                });
        // two references: the first file's purge keeps the content, the second's releases it
        assertThat(this.<Boolean>write(tx -> tx.files().purgeIfUnused("f-1"))).isTrue();
        assertThat(purges()).isEmpty();
        assertThat(this.<Boolean>write(tx -> tx.files().purgeIfUnused("f-2"))).isTrue();
        assertThat(purges()).containsExactly(kept.get(0));
    }

    /**
     * A message taking the file on one node while another purges it as unused: either the purge
     * sees the reference and keeps the file, or it wins and the attach is refused; never a message
     * naming a purged file, never a purged file still counted.
     */
    @Test
    void anAttachRacingAPurgeKeepsTheFileOrIsRefused() throws Exception {
        long chat = write(tx -> tx.chats().privateChat(1, 2, 10));
        write(
                tx -> {
                    tx.files().adoptBlob("sha-r", "key-r", 100);
                    tx.files().create(file("f-r", "sha-r"));
                    tx.messages().insert(MessageRecord.posted(chat, 1, 1, 10, "", 0));
                    return null;
                });
        List<Boolean> done =
                race(
                        tx -> {
                            try {
                                tx.files().attach(chat, 1, "f-r");
                                return true;
                            } catch (ApiException e) {
                                assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
                                return false;
                            }
                        },
                        tx -> tx.files().purgeIfUnused("f-r"));
        boolean attached = done.get(0);
        boolean purged = done.get(1);
        assertThat(attached).isNotEqualTo(purged);
        Optional<FileRecord> f = read(tx -> tx.files().get("f-r"));
        if (attached) {
            assertThat(f.orElseThrow().refs()).isEqualTo(1);
            assertThat(this.<Boolean>read(tx -> tx.files().visibleTo("f-r", 2))).isTrue();
            assertThat(purges()).isEmpty();
        } else {
            assertThat(f).isEmpty();
            assertThat(purges()).containsExactly("key-r");
        }
    }

    /** The two last messages using a file deleted on two nodes at once: purged exactly once. */
    @Test
    void theLastTwoUsersDeletedAtOncePurgeTheFileOnce() throws Exception {
        long chat = write(tx -> tx.chats().privateChat(1, 2, 10));
        write(
                tx -> {
                    tx.files().adoptBlob("sha-d", "key-d", 100);
                    tx.files().create(file("f-d", "sha-d"));
                    tx.messages().insert(MessageRecord.posted(chat, 1, 1, 10, "", 0));
                    tx.messages().insert(MessageRecord.posted(chat, 2, 1, 10, "", 0));
                    tx.files().attach(chat, 1, "f-d");
                    tx.files().attach(chat, 2, "f-d");
                    return null;
                });
        race(
                tx -> {
                    tx.messages().delete(chat, List.of(1L));
                    return true;
                },
                tx -> {
                    tx.messages().delete(chat, List.of(2L));
                    return true;
                });
        assertThat(this.<Optional<FileRecord>>read(tx -> tx.files().get("f-d"))).isEmpty();
        assertThat(purges()).containsExactly("key-d");
    }

    @Test
    void twoPatchesFromOneOffsetCountOnce() throws Exception {
        write(
                tx -> {
                    tx.uploads()
                            .create(
                                    new UploadRecord(
                                            "up-r",
                                            7,
                                            100,
                                            0,
                                            "",
                                            "a",
                                            "text/plain",
                                            1,
                                            1000,
                                            null));
                    return null;
                });
        List<Boolean> moved =
                race(
                        tx -> tx.uploads().advance("up-r", 0, 40, 2000),
                        tx -> tx.uploads().advance("up-r", 0, 60, 2000));
        assertThat(moved).containsExactlyInAnyOrder(true, false);
        long received = read(tx -> tx.uploads().get("up-r")).orElseThrow().received();
        assertThat(received).isEqualTo(moved.get(0) ? 40 : 60);
    }

    @Test
    void twoConfirmsOfABotKeepTheHigherPts() throws Exception {
        long owner = write(tx -> tx.accounts().create("owner", "o", "", 1));
        long bot = write(tx -> tx.accounts().create("race_bot", "b", "", 1));
        write(
                tx -> {
                    tx.bots().create(bot, owner, new byte[] {1}, 1);
                    return null;
                });
        race(
                tx -> {
                    tx.bots().confirm(bot, 9);
                    return true;
                },
                tx -> {
                    tx.bots().confirm(bot, 5);
                    return true;
                });
        assertThat(read(tx -> tx.bots().byId(bot)).orElseThrow().confirmedPts()).isEqualTo(9);
    }
}
