package org.chapar.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.server.store.DataDirException;
import org.chapar.server.store.Store;
import org.chapar.server.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** A media directory is the cluster's when its MEDIA-ROOT is the store's media-root key. */
class MediaRootTest {
    static final Duration BRIEF = Duration.ofMillis(300);

    @TempDir Path temp;
    Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(temp.resolve("data"), 1, false, 16);
    }

    @AfterEach
    void close() {
        store.close();
    }

    String storeKey() {
        return new String(
                store.write(tx -> tx.serverKeys().getOrCreate(MediaRoot.KEY, () -> new byte[0]))
                        .join(),
                StandardCharsets.US_ASCII);
    }

    static String file(Path dir) throws IOException {
        return Files.readString(dir.resolve(MediaRoot.FILE)).trim();
    }

    @Test
    void theFirstNodeOfAFreshStoreNamesTheDirectoryAndLaterNodesFindItsName() throws IOException {
        Path shared = temp.resolve("shared");
        MediaRoot.check(store, shared, true, BRIEF);
        assertThat(file(shared)).matches("[A-Za-z0-9_-]{22}").isEqualTo(storeKey());
        String id = file(shared);

        MediaRoot.check(store, shared, true, BRIEF);
        assertThat(file(shared)).isEqualTo(id);
        try (var left = Files.list(shared)) {
            assertThat(left).containsExactly(shared.resolve(MediaRoot.FILE));
        }
    }

    @Test
    void anEmptyDirectoryGivenExplicitlyIsRefusedAndTheMessageSaysWhatToDo() {
        MediaRoot.check(store, temp.resolve("shared"), true, BRIEF);
        Path empty = temp.resolve("mount-that-failed");

        assertThatThrownBy(() -> MediaRoot.check(store, empty, true, BRIEF))
                .isInstanceOf(DataDirException.class)
                .hasMessageContaining("has no MEDIA-ROOT")
                .hasMessageContaining(
                        "write " + storeKey() + " into " + empty.resolve("MEDIA-ROOT"));
        assertThat(empty.resolve(MediaRoot.FILE)).doesNotExist();
    }

    @Test
    void anotherClustersDirectoryIsRefusedWhenGivenAndOnlyWarnedAboutAsTheDefault()
            throws IOException {
        MediaRoot.check(store, temp.resolve("shared"), true, BRIEF);
        Path other = Files.createDirectories(temp.resolve("other-cluster"));
        Files.writeString(other.resolve(MediaRoot.FILE), "AAAAAAAAAAAAAAAAAAAAAA\n");

        assertThatThrownBy(() -> MediaRoot.check(store, other, true, BRIEF))
                .isInstanceOf(DataDirException.class)
                .hasMessageContaining("belongs to another cluster")
                .hasMessageContaining("AAAAAAAAAAAAAAAAAAAAAA")
                .hasMessageContaining(storeKey());

        MediaRoot.check(store, other, false, BRIEF); // a node's own DATA/media: it starts
        assertThat(file(other)).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        Path own = temp.resolve("node2-data-media");
        MediaRoot.check(store, own, false, BRIEF);
        assertThat(own.resolve(MediaRoot.FILE)).doesNotExist();
    }

    @Test
    void aFreshStoreAdoptsADirectoryThatAlreadyHasAName() throws IOException {
        Path old = Files.createDirectories(temp.resolve("old-node-media"));
        Files.writeString(old.resolve(MediaRoot.FILE), "BBBBBBBBBBBBBBBBBBBBBB\n");

        MediaRoot.check(store, old, true, BRIEF);

        assertThat(storeKey()).isEqualTo("BBBBBBBBBBBBBBBBBBBBBB");
    }

    @Test
    void aNodeThatFindsTheStoresNameButNoFileWaitsForTheFirstNodesFile() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        String id = Content.newId();
        store.write(
                        tx ->
                                tx.serverKeys()
                                        .getOrCreate(
                                                MediaRoot.KEY,
                                                () -> id.getBytes(StandardCharsets.US_ASCII)))
                .join();
        CompletableFuture<Void> waiting =
                CompletableFuture.runAsync(
                        () -> MediaRoot.check(store, shared, true, Duration.ofSeconds(10)));
        Thread.sleep(200); // the first node is slow to write its file
        assertThat(waiting).isNotDone();
        Files.writeString(shared.resolve(MediaRoot.FILE), id + "\n");

        waiting.join();
    }

    @Test
    void nodesStartingAtOnceOnAnEmptyDirectoryAgreeOnOneName() throws IOException {
        Path shared = temp.resolve("shared");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<?>[] nodes = new CompletableFuture<?>[4];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    go.await();
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                                MediaRoot.check(store, shared, true, Duration.ofSeconds(10));
                            });
        }
        go.countDown();

        CompletableFuture.allOf(nodes).join();
        assertThat(file(shared)).isEqualTo(storeKey());
    }
}
