package org.chapar.server.media;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One request's bytes on their way into an upload's partial file, chunk by chunk off the event loop
 * (the router reads the next chunk only when this one is written, so memory stays at one chunk).
 *
 * <p>With a checksum the bytes count only if the whole body arrived and matches: otherwise the file
 * is cut back to where the request started. Without one, the bytes that arrived before a cut
 * connection are kept (forced to disk, then recorded), so the client resumes after them.
 */
final class UploadWrite {
    private final UploadService uploads;
    private final UploadRecord upload;
    private final FileChannel ch;
    private final byte[] checksum;
    private final MessageDigest digest;
    private final RunningHashes hashes;
    private final RunningHashes.Running content; // null: this request's bytes go unhashed
    private final Executor disk;
    private long written;
    private boolean over;
    private boolean ended;

    UploadWrite(
            UploadService uploads,
            UploadRecord upload,
            FileChannel ch,
            byte[] checksum,
            RunningHashes hashes,
            Executor disk) {
        this.uploads = uploads;
        this.upload = upload;
        this.ch = ch;
        this.checksum = checksum;
        this.digest = checksum == null ? null : Content.digest();
        this.hashes = hashes;
        this.content = hashes.resume(upload.id(), upload.received());
        this.disk = disk;
    }

    UploadRecord upload() {
        return upload;
    }

    CompletableFuture<Void> chunk(ByteBuf buf) {
        int n = buf.readableBytes();
        if (over || upload.received() + written + n > upload.length()) {
            over = true; // the rest of the body is read and dropped; end() refuses it
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        for (ByteBuffer b : buf.nioBuffers()) {
                            if (digest != null) {
                                digest.update(b.duplicate());
                            }
                            if (content != null) {
                                RunningHashes.update(content, b.duplicate());
                            }
                            while (b.hasRemaining()) {
                                ch.write(b);
                            }
                        }
                        written += n;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                disk);
    }

    /** The body ended: check it, force it to disk, record the new offset. */
    CompletableFuture<UploadRecord> end() {
        ended = true;
        return CompletableFuture.supplyAsync(() -> settle(true), disk)
                .thenCompose(keep -> uploads.advance(upload, upload.received() + keep))
                .whenComplete((u, e) -> uploads.released(upload));
    }

    /** The request broke off: keep what may be kept, and free the upload. */
    void abort() {
        if (ended) {
            return;
        }
        ended = true;
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return settle(false);
                            } catch (HttpError e) {
                                return 0L;
                            }
                        },
                        disk)
                .thenCompose(keep -> uploads.advance(upload, upload.received() + keep))
                .whenComplete((u, e) -> uploads.released(upload));
    }

    /** How many of the written bytes count, after forcing them (the rest is cut off). */
    private long settle(boolean complete) {
        long kept = 0;
        try {
            kept = keep(complete);
            return kept;
        } finally {
            if (content != null) {
                hashes.settled(upload.id(), content, written, kept);
            }
        }
    }

    private long keep(boolean complete) {
        try (ch) {
            boolean bad =
                    checksum != null
                            && !(complete && MessageDigest.isEqual(digest.digest(), checksum));
            if (over || bad) {
                ch.truncate(upload.received());
            }
            ch.force(false);
            if (over) {
                throw new HttpError(
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        "UPLOAD_TOO_LARGE",
                        "the body would pass Upload-Length; nothing of it was kept");
            }
            if (bad && complete) {
                throw new HttpError(
                        HttpResponseStatus.valueOf(460, "Checksum Mismatch"),
                        "CHECKSUM_MISMATCH",
                        "the body's sha256 is not Upload-Checksum; the chunk was discarded");
            }
            return bad ? 0 : written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
