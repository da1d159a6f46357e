package org.chapar.server.media;

import org.chapar.server.core.Randoms;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Content in the {@link BlobStore}, stored once per SHA-256. Every local file that becomes content
 * goes the same way (hash it, store it under a fresh key, let the store keep one copy), so that a
 * duplicate costs the same steps and time as new content and no client can tell them apart.
 */
final class Content {
    private static final Logger log = LoggerFactory.getLogger(Content.class);
    private static final int PURGE_BATCH = 100;

    /** Content stored: its hash, the key holding it and its size. */
    record Stored(String sha256, String key, long size) {}

    private final Store store;
    private final BlobStore blobs;
    private final Executor disk;

    Content(Store store, BlobStore blobs, Executor disk) {
        this.store = store;
        this.blobs = blobs;
        this.disk = disk;
    }

    BlobStore blobs() {
        return blobs;
    }

    /** A fresh random id (files, uploads, blob keys): 128 bits, base64url. */
    static String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(16));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * Moves a complete local file into the blob store under a fresh key; the caller's write must
     * then {@code adoptBlob} it (which keeps one copy per content). Blocking: call off the event
     * loop.
     */
    Stored put(Path file, String sha256) {
        String key = newId();
        try {
            long size = blobs.putFile(key, file);
            return new Stored(sha256, key, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes from the blob store what no row uses any more (blob_purges), after its commit. */
    CompletableFuture<Void> purge() {
        return store.read(tx -> tx.files().blobPurges(PURGE_BATCH))
                .thenApplyAsync(keys -> keys.stream().filter(this::delete).toList(), disk)
                .thenCompose(
                        gone -> {
                            if (gone.isEmpty()) {
                                return CompletableFuture.completedFuture(null);
                            }
                            return store.write(
                                            tx -> {
                                                gone.forEach(k -> tx.files().blobPurged(k));
                                                return gone.size();
                                            })
                                    .thenCompose(
                                            n ->
                                                    n == PURGE_BATCH
                                                            ? purge()
                                                            : CompletableFuture.completedFuture(
                                                                    null));
                        });
    }

    private boolean delete(String key) {
        try {
            blobs.delete(key);
            return true;
        } catch (IOException e) {
            log.warn("could not delete blob {}; the next sweep tries again", key, e);
            return false;
        }
    }
}
