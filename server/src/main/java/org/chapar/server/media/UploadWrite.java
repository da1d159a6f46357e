package org.chapar.server.media;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One request's bytes on their way into an upload's partial file, off the event loop: the socket's
 * small buffers are gathered on the event loop into {@link #BATCH} bytes, which go to the disk in
 * one task (the router reads the next chunk only when that task is done, so memory stays at one
 * batch and one chunk per request).
 *
 * <p>With a checksum the bytes count only if the whole body arrived and matches: otherwise the file
 * is cut back to where the request started. Without one, the bytes that arrived before a cut
 * connection are kept (forced to disk, then recorded), so the client resumes after them.
 */
final class UploadWrite {
    private final UploadService uploads;
    private final UploadRecord upload;
    private final PartialFile file;
    private final FileChannel ch;
    private final ChunkChecksum.Running checksum;
    private final RunningHashes hashes;
    private final RunningHashes.Running content; // null: this request's bytes go unhashed
    private final Executor disk;
    private long written; // on the disk
    private long accepted; // on the disk or in the batch
    private byte[] batch; // filled up to batchFill on the event loop, emptied by a disk task
    private int batchFill;
    private boolean over;

    /** The bytes gathered before a write: a few socket reads' worth, not a whole chunk. */
    static final int BATCH = 256 * 1024;

    /**
     * Written bytes after which the disk is asked to start writing them back while the body goes on
     * arriving, so that the force at the end of the request waits only for the tail: without it the
     * page cache holds the whole chunk and the client waits for all of it to reach the disk.
     */
    static final long FLUSH_STEP = 4L * 1024 * 1024;

    private long flushedTo; // written bytes a background force has been started for
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

    private boolean ended;

    UploadWrite(
            UploadService uploads,
            UploadRecord upload,
            PartialFile file,
            ChunkChecksum checksum,
            RunningHashes hashes,
            Executor disk) {
        this.uploads = uploads;
        this.upload = upload;
        this.file = file;
        this.ch = file.channel();
        this.checksum = checksum == null ? null : checksum.start();
        this.hashes = hashes;
        this.content = hashes.resume(upload.id(), upload.received());
        this.disk = disk;
    }

    UploadRecord upload() {
        return upload;
    }

    CompletableFuture<Void> chunk(ByteBuf buf) {
        int n = buf.readableBytes();
        if (over || upload.received() + accepted + n > upload.length()) {
            over = true; // the rest of the body is read and dropped; end() refuses it
            return CompletableFuture.completedFuture(null);
        }
        accepted += n;
        if (batch == null) {
            batch = new byte[BATCH];
        }
        if (n <= BATCH - batchFill) {
            buf.getBytes(buf.readerIndex(), batch, batchFill, n);
            batchFill += n;
            return CompletableFuture.completedFuture(null);
        }
        int gathered = batchFill;
        batchFill = 0; // the event loop touches the batch again only once this task is done
        return CompletableFuture.runAsync(
                () -> {
                    write(ByteBuffer.wrap(batch, 0, gathered));
                    for (ByteBuffer b : buf.nioBuffers()) {
                        write(b);
                    }
                },
                disk);
    }

    /** Writes {@code b} at the end of what is written, hashing it on the way (disk thread). */
    private void write(ByteBuffer b) {
        int n = b.remaining();
        if (checksum != null) {
            checksum.update(b.duplicate());
        }
        if (content != null) {
            RunningHashes.update(content, b.duplicate());
        }
        try {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += n;
        if (written - flushedTo >= FLUSH_STEP && flushing.isDone()) {
            flushedTo = written;
            flushing = CompletableFuture.runAsync(this::forceQuietly, disk);
        }
    }

    /**
     * A force while the body is still written (its own thread): only the durability point at the
     * end counts, so a failure here is left for that one to meet and report.
     */
    private void forceQuietly() {
        try {
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            // the final force in keep() forces again and reports
        }
    }

    /** What is still in the batch goes to the disk (disk thread, after the last chunk). */
    private void flush() {
        if (batchFill > 0) {
            int gathered = batchFill;
            batchFill = 0;
            write(ByteBuffer.wrap(batch, 0, gathered));
        }
    }

    /** The body ended: check it, force it to disk, record the new offset. */
    CompletableFuture<UploadRecord> end() {
        ended = true;
        return CompletableFuture.supplyAsync(() -> settle(true), disk)
                .thenCompose(keep -> uploads.advance(upload, upload.received() + keep))
                .whenComplete((u, e) -> release());
    }

    /**
     * The file's lock is held until the offset is recorded: a node that got it sooner would cut the
     * file back to the offset before this write.
     */
    private void release() {
        try {
            file.close();
        } finally {
            uploads.released(upload);
        }
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
                .whenComplete((u, e) -> release());
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
        try {
            flush();
            flushing.join(); // the file is cut and closed only once no force runs on it
            boolean bad = checksum != null && !(complete && checksum.matches());
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
