package org.chapar.client.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Where one attempt of a {@link RangeDownload} writes: the buffers in order, then closed (after a
 * cut too).
 */
interface DownloadTarget extends Closeable {
    /** Bytes written to a file after which a force is started while the body goes on arriving. */
    long FORCE_STEP = 4L * 1024 * 1024;

    void write(ByteBuffer[] buffers) throws IOException;

    /** The caller's stream: written through, flushed but left open at the end. */
    final class Unclosed implements DownloadTarget {
        private final OutputStream out;

        Unclosed(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            for (ByteBuffer b : buffers) {
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                } else {
                    byte[] bytes = new byte[b.remaining()];
                    b.duplicate().get(bytes);
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * The .part file from an offset on. Every {@link #FORCE_STEP} bytes a force starts on a thread
     * of its own while the body goes on arriving (without it the page cache holds the whole file
     * and the force at the end waits for all of it); the force on close is what counts, so a resume
     * trusts the file's length.
     */
    final class PartFile implements DownloadTarget {
        private final FileChannel channel;
        private long unforced;
        private CompletableFuture<Void> forcing = CompletableFuture.completedFuture(null);

        private PartFile(FileChannel channel) {
            this.channel = channel;
        }

        static PartFile open(Path part, long offset) throws IOException {
            FileChannel channel =
                    FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(offset);
            channel.position(offset);
            return new PartFile(channel);
        }

        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            long n = 0;
            for (ByteBuffer b : buffers) {
                n += b.remaining();
            }
            for (long written = 0; written < n; ) {
                written += channel.write(buffers);
            }
            unforced += n;
            if (unforced >= FORCE_STEP && forcing.isDone()) {
                unforced = 0;
                forcing =
                        CompletableFuture.runAsync(
                                this::forceQuietly,
                                task -> Thread.ofVirtual().name("download-force").start(task));
            }
        }

        /** Only the force on close counts: a failure here is left for that one to meet. */
        private void forceQuietly() {
            try {
                channel.force(false);
            } catch (IOException | RuntimeException e) {
                // close() forces again and reports
            }
        }

        @Override
        public void close() throws IOException {
            try {
                forcing.join(); // no force runs on the channel once it is closed
                channel.force(false);
            } finally {
                channel.close();
            }
        }
    }
}
