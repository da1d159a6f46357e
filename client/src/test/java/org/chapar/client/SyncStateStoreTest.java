package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

class SyncStateStoreTest {

    @TempDir Path dir;

    @Test
    void fileStoreStartsEmptyAndSurvivesReopening() throws Exception {
        Path file = dir.resolve("nested/sync.properties");
        SyncStateStore store = SyncStateStore.file(file);
        assertThat(store.load()).isEqualTo(SyncState.EMPTY);
        assertThat(store.load().hasPts()).isFalse();

        store.save(new SyncState(42, "tok=en:with specials", 7));
        store.save(new SyncState(43, "tok=en:with specials", 7));

        SyncState again = SyncStateStore.file(file).load();
        assertThat(again).isEqualTo(new SyncState(43, "tok=en:with specials", 7));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temp files left behind
        }
    }

    @Test
    void fileStoreKeepsTheAuthorKeyWithTheSession() {
        SyncStateStore store = SyncStateStore.file(dir.resolve("k"));
        AuthorKey key =
                new AuthorKey(
                        ByteString.copyFrom(new byte[32])
                                .substring(0, 31)
                                .concat(ByteString.copyFrom(new byte[] {9})));
        store.save(new SyncState(5, "t", 1).withAuthorKey(key));
        assertThat(SyncStateStore.file(dir.resolve("k")).load().authorKey()).isEqualTo(key.bytes());
        store.save(store.load().withoutSession());
        assertThat(SyncStateStore.file(dir.resolve("k")).load().authorKey()).isEmpty();
    }

    @Test
    void fileStoreKeepsAMissingToken() {
        SyncStateStore store = SyncStateStore.file(dir.resolve("s"));
        store.save(new SyncState(5, null, 1));
        assertThat(store.load().token()).isNull();
        assertThat(store.load().hasToken()).isFalse();
    }

    @Test
    void fileStoreKeepsChannelPts() {
        SyncStateStore store = SyncStateStore.file(dir.resolve("c"));
        SyncState s = new SyncState(5, "t", 1).withChannelPts(100, 7).withChannelPts(200, 9);
        store.save(s);
        assertThat(SyncStateStore.file(dir.resolve("c")).load().channelPts())
                .containsEntry(100L, 7L)
                .containsEntry(200L, 9L)
                .hasSize(2);
        store.save(store.load().withChannelPts(100, SyncState.NO_PTS).withPts(6));
        assertThat(store.load()).isEqualTo(new SyncState(6, "t", 1, java.util.Map.of(200L, 9L)));
    }

    @Test
    void fileStoreKeepsDeviceCookiesPerAccountAcrossSessions() {
        SyncStateStore store = SyncStateStore.file(dir.resolve("d"));
        store.save(
                new SyncState(5, "t", 1)
                        .withDeviceCookie("alice", "c=1:x")
                        .withDeviceCookie("bob", "c2"));
        SyncState loaded = SyncStateStore.file(dir.resolve("d")).load();
        assertThat(loaded.deviceCookie("@ALICE")).isEqualTo("c=1:x");
        assertThat(loaded.deviceCookie("bob")).isEqualTo("c2");
        assertThat(loaded.deviceCookie("carol")).isEmpty();
        SyncState next = loaded.withoutSession().forUser(3, "t3");
        assertThat(next.hasToken()).isTrue();
        assertThat(next.deviceCookies()).isEqualTo(loaded.deviceCookies());
        assertThat(loaded.withoutSession().hasToken()).isFalse();
    }

    @Test
    void memoryStore() {
        SyncStateStore store = SyncStateStore.inMemory();
        assertThat(store.load()).isEqualTo(SyncState.EMPTY);
        store.save(new SyncState(1, "t", 2));
        assertThat(store.load().pts()).isEqualTo(1);
    }

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        Backoff b = new Backoff(100, 30_000);
        for (int i = 0; i < 50; i++) {
            assertThat(b.delayMs(0)).isBetween(50L, 100L);
            assertThat(b.delayMs(3)).isBetween(400L, 800L);
            assertThat(b.delayMs(40)).isBetween(15_000L, 30_000L);
        }
    }
}
