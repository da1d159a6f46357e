package org.chapar.server.media;

import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The rules of tus uploads: create, write a chunk at the offset the server has, finish into a file,
 * terminate, expire.
 *
 * <p>Implementation note: an unfinished upload's bytes are a file in {@code partial/}; the offset
 * in the store is what was forced to disk before it was recorded, so after a crash the file may be
 * longer than the offset and the next write first cuts it back. Only a finished upload (all bytes,
 * hashed) becomes a file in the {@link BlobStore}; nothing of a partial upload is ever served.
 */
final class UploadService {
    private static final int SWEEP_BATCH = 200;

    private final Store store;
    private final Content content;
    private final Path partial;
    private final MediaLimits limits;
    private final Clock clock;
    private final Executor disk;
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final RunningHashes hashes = new RunningHashes();
    private final Set<String> writing = ConcurrentHashMap.newKeySet();

    UploadService(
            Store store,
            Content content,
            Path partial,
            MediaLimits limits,
            Clock clock,
            Executor disk) {
        this.store = store;
        this.content = content;
        this.partial = partial;
        this.limits = limits;
        this.clock = clock;
        this.disk = disk;
        try {
            Files.createDirectories(partial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MediaLimits limits() {
        return limits;
    }

    private long now() {
        return clock.millis();
    }

    private long nextExpiry() {
        return now() + limits.stall().toMillis();
    }

    /** A new, empty upload of {@code length} bytes. */
    CompletableFuture<UploadRecord> create(long user, long length, UploadMetadata metadata) {
        if (length > limits.maxUploadBytes()) {
            return CompletableFuture.failedFuture(tooLarge());
        }
        String id = Content.newId();
        return store.write(
                        tx -> {
                            if (tx.uploads().countOpen(user, now()) >= limits.openUploads()) {
                                throw tooMany(60);
                            }
                            UploadRecord u =
                                    new UploadRecord(
                                            id,
                                            user,
                                            length,
                                            0,
                                            metadata.header(),
                                            metadata.name(),
                                            metadata.mime(),
                                            now(),
                                            nextExpiry(),
                                            null);
                            tx.uploads().create(u);
                            return u;
                        })
                .thenApplyAsync(
                        u -> {
                            try {
                                Files.deleteIfExists(partial(id));
                                Files.createFile(partial(id));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return u;
                        },
                        disk);
    }

    /**
     * The complete file now at {@link #partial}{@code (id)} becomes a finished upload of the user,
     * by the same finish as a tus upload's last byte.
     */
    CompletableFuture<UploadRecord> finishLocal(
            long user, String id, long size, String name, String mime) {
        UploadRecord u =
                new UploadRecord(
                        id,
                        user,
                        size,
                        size,
                        "",
                        UploadMetadata.fileName(name),
                        UploadMetadata.mime(mime),
                        now(),
                        nextExpiry(),
                        null);
        return store.write(
                        tx -> {
                            tx.uploads().create(u);
                            return u;
                        })
                .thenCompose(this::finish);
    }

    /** The user's upload; 404 for none (or another account's), 410 once it stalled too long. */
    CompletableFuture<UploadRecord> find(long user, String id) {
        return store.read(tx -> tx.uploads().get(id))
                .thenApply(
                        found -> {
                            UploadRecord u =
                                    found.filter(r -> r.userId() == user)
                                            .orElseThrow(UploadService::notFound);
                            if (!u.finished() && u.expires() <= now()) {
                                throw new HttpError(
                                        HttpResponseStatus.GONE,
                                        "UPLOAD_EXPIRED",
                                        "the upload stalled and expired; start a new one");
                            }
                            return u;
                        });
    }

    /**
     * Opens the upload for one request's bytes at {@code offset} ({@code bodyLength} -1 when not
     * known ahead); {@code checksum}, if not null, is what the body must hash to.
     */
    CompletableFuture<UploadWrite> write(
            long user, String id, long offset, long bodyLength, ChunkChecksum checksum) {
        if (!takeSlot(user)) {
            return CompletableFuture.failedFuture(tooMany(1));
        }
        // the offset is read again once the file is held: read before, it may be stale (another
        // node recorded more meanwhile), and cutting back to it would drop acknowledged bytes
        return find(user, id)
                .thenApply(u -> writable(u, offset, bodyLength))
                .thenApplyAsync(this::hold, disk)
                .thenCompose(
                        file ->
                                find(user, id)
                                        .thenApplyAsync(
                                                u -> open(u, file, offset, bodyLength, checksum),
                                                disk)
                                        .whenComplete(
                                                (w, e) -> {
                                                    if (e != null) {
                                                        file.close();
                                                        writing.remove(id);
                                                    }
                                                }))
                .whenComplete(
                        (w, e) -> {
                            if (e != null) {
                                freeSlot(user);
                            }
                        });
    }

    /** The upload's partial file, held by this request on this node and locked for all nodes. */
    private PartialFile hold(UploadRecord u) {
        if (!writing.add(u.id())) {
            throw locked();
        }
        try {
            return PartialFile.lock(partial(u.id()));
        } catch (RuntimeException e) {
            writing.remove(u.id());
            throw e;
        }
    }

    private UploadWrite open(
            UploadRecord u,
            PartialFile file,
            long offset,
            long bodyLength,
            ChunkChecksum checksum) {
        writable(u, offset, bodyLength);
        try {
            FileChannel ch = file.channel();
            ch.truncate(u.received()); // bytes past the recorded offset were never acknowledged
            ch.position(u.received());
            return new UploadWrite(this, u, file, checksum, hashes, disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code u}, if a body of {@code bodyLength} bytes may be written to it at {@code offset}. */
    private static UploadRecord writable(UploadRecord u, long offset, long bodyLength) {
        if (offset != u.received()) {
            throw new HttpError(
                    HttpResponseStatus.CONFLICT,
                    "UPLOAD_OFFSET_MISMATCH",
                    "the server has " + u.received() + " bytes of this upload; HEAD to resume");
        }
        if (bodyLength > u.length() - u.received()) {
            throw new HttpError(
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "UPLOAD_TOO_LARGE",
                    "the body would pass Upload-Length");
        }
        return u;
    }

    /** The write ended (well or not): its upload and the account's slot are free again. */
    void released(UploadRecord u) {
        writing.remove(u.id());
        freeSlot(u.userId());
    }

    /**
     * Records that the bytes up to {@code to} are on disk; the last byte finishes the upload into a
     * file. Answers the upload as it is now.
     */
    CompletableFuture<UploadRecord> advance(UploadRecord u, long to) {
        if (to == u.received()) {
            return CompletableFuture.completedFuture(u);
        }
        long expires = nextExpiry();
        return store.write(tx -> tx.uploads().advance(u.id(), u.received(), to, expires))
                .thenCompose(
                        moved -> {
                            if (!moved) {
                                throw new HttpError(
                                        HttpResponseStatus.CONFLICT,
                                        "UPLOAD_OFFSET_MISMATCH",
                                        "the upload moved on meanwhile; HEAD to resume");
                            }
                            UploadRecord now = u.withReceived(to, expires);
                            return to == u.length()
                                    ? finish(now)
                                    : CompletableFuture.completedFuture(now);
                        });
    }

    /** The last byte arrived: the bytes become content and a file, the same way for every file. */
    private CompletableFuture<UploadRecord> finish(UploadRecord u) {
        String fileId = Content.newId();
        long kept = nextExpiry();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                Path p = partial(u.id());
                                String sha = hashes.finished(u.id(), u.length());
                                return content.put(p, sha != null ? sha : Content.sha256(p));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        disk)
                .thenCompose(
                        stored ->
                                store.write(
                                        tx -> {
                                            tx.files()
                                                    .adoptBlob(
                                                            stored.sha256(),
                                                            stored.key(),
                                                            stored.size());
                                            tx.files()
                                                    .create(
                                                            new FileRecord(
                                                                    fileId,
                                                                    stored.sha256(),
                                                                    stored.key(),
                                                                    stored.size(),
                                                                    u.mime(),
                                                                    u.name(),
                                                                    0,
                                                                    0,
                                                                    now(),
                                                                    0));
                                            tx.uploads().finish(u.id(), fileId, kept);
                                            return u.withFile(fileId, kept);
                                        }))
                .thenCompose(done -> content.purge().thenApply(v -> done));
    }

    /** tus termination: the upload and its bytes go (a file a message uses stays). */
    CompletableFuture<Void> terminate(long user, String id) {
        return store.read(tx -> tx.uploads().get(id))
                .thenCompose(
                        found -> {
                            UploadRecord u =
                                    found.filter(r -> r.userId() == user)
                                            .orElseThrow(UploadService::notFound);
                            if (writing.contains(u.id())) {
                                throw locked();
                            }
                            return remove(List.of(u));
                        });
    }

    /** Expired uploads and their bytes are reclaimed; then unused blobs. */
    CompletableFuture<Integer> sweep() {
        return store.read(tx -> tx.uploads().expired(now(), SWEEP_BATCH))
                .thenCompose(
                        expired ->
                                remove(
                                                expired.stream()
                                                        .filter(u -> !writing.contains(u.id()))
                                                        .toList())
                                        .thenApply(v -> expired.size()));
    }

    private CompletableFuture<Void> remove(List<UploadRecord> uploads) {
        if (uploads.isEmpty()) {
            return content.purge();
        }
        return store.write(
                        tx -> {
                            for (UploadRecord u : uploads) {
                                tx.uploads().delete(u.id());
                                if (u.fileId() != null) {
                                    tx.files().purgeIfUnused(u.fileId());
                                }
                            }
                            return null;
                        })
                .thenRunAsync(
                        () -> {
                            for (UploadRecord u : uploads) {
                                hashes.forget(u.id());
                                try {
                                    Files.deleteIfExists(partial(u.id()));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        },
                        disk)
                .thenCompose(v -> content.purge());
    }

    Path partial(String id) {
        return partial.resolve(id);
    }

    private boolean takeSlot(long user) {
        int[] taken = {0};
        inFlight.compute(
                user,
                (k, n) -> {
                    int now = n == null ? 0 : n;
                    if (now >= limits.uploadsInFlight()) {
                        return n;
                    }
                    taken[0] = 1;
                    return now + 1;
                });
        return taken[0] == 1;
    }

    private void freeSlot(long user) {
        inFlight.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    static HttpError notFound() {
        return new HttpError(
                HttpResponseStatus.NOT_FOUND, "UPLOAD_NOT_FOUND", "no upload of yours by that id");
    }

    static HttpError locked() {
        return new HttpError(
                HttpResponseStatus.LOCKED,
                "UPLOAD_LOCKED",
                "another request is writing this upload; retry");
    }

    HttpError tooLarge() {
        return new HttpError(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "UPLOAD_TOO_LARGE",
                "uploads are at most " + limits.maxUploadBytes() + " bytes");
    }

    private static HttpError tooMany(long retryAfterSeconds) {
        return new HttpError(
                HttpResponseStatus.TOO_MANY_REQUESTS,
                "TOO_MANY_UPLOADS",
                "too many uploads at once from this account",
                retryAfterSeconds);
    }
}
