package org.chapar.client.media;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * One PATCH's bytes, read from the file once: checksummed for {@code Upload-Checksum} (CRC-32C
 * where the server takes it, a fraction of SHA-256's cost, else SHA-256) while they are read, then
 * handed to the HTTP client as they are. The slices are direct buffers, so neither the file's read
 * nor the socket's write copies them through a temporary buffer of the JDK's, and the body
 * publisher gives the client the slices themselves ({@code BodyPublishers.ofByteArrays} copies each
 * array into buffers of its own). Progress is told as the client takes each slice; the slices are
 * kept for the next chunk of the same upload.
 */
final class Chunk {
    private static final int SLICE = 256 * 1024;

    private final ByteBuffer[] slices;
    private long offset;
    private int length;
    private final boolean crc32c;
    private String checksum;

    /** {@code crc32c}: the server takes {@code Upload-Checksum: crc32c}. */
    Chunk(int capacity, boolean crc32c) {
        int count = Math.max(1, (capacity + SLICE - 1) / SLICE);
        slices = new ByteBuffer[count];
        this.crc32c = crc32c;
    }

    /** Reads {@code length} bytes of {@code file} from {@code offset} and hashes them. */
    Chunk read(Path file, long offset, int length) throws IOException {
        MessageDigest digest = crc32c ? null : newDigest();
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int done = 0;
            for (int i = 0; done < length; i++) {
                int n = Math.min(SLICE, length - done);
                if (slices[i] == null) {
                    slices[i] = ByteBuffer.allocateDirect(SLICE);
                }
                ByteBuffer buffer = slices[i].clear().limit(n);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + done + buffer.position()) < 0) {
                        throw new IOException(file + " shrank while it was uploaded");
                    }
                }
                if (crc32c) {
                    crc.update(buffer.flip().duplicate());
                } else {
                    digest.update(buffer.flip().duplicate());
                }
                done += n;
            }
        }
        this.offset = offset;
        this.length = length;
        Base64.Encoder b64 = Base64.getEncoder();
        this.checksum =
                crc32c
                        ? "crc32c "
                                + b64.encodeToString(
                                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array())
                        : "sha256 " + b64.encodeToString(digest.digest());
        return this;
    }

    long offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** The chunk's {@code Upload-Checksum} value. */
    String checksum() {
        return checksum;
    }

    /** The body, telling {@code progress} the file position reached as each slice is taken. */
    HttpRequest.BodyPublisher body(LongConsumer progress) {
        int count = (length + SLICE - 1) / SLICE;
        Flow.Publisher<ByteBuffer> slicesOnce =
                subscriber -> subscriber.onSubscribe(new Slices(subscriber, count, progress));
        return HttpRequest.BodyPublishers.fromPublisher(slicesOnce, length);
    }

    /**
     * One subscription to the chunk: a view of each slice in turn, as many as asked for. The
     * work-in-progress counter lets {@code request} be called from {@code onNext} or from another
     * thread without two of them emitting at once.
     */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final int count;
        private final LongConsumer progress;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private int next; // touched only by the thread that holds wip
        private long position = offset;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber, int count, LongConsumer progress) {
            this.subscriber = subscriber;
            this.count = count;
            this.progress = progress;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request " + n + " <= 0"));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            emit();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void emit() {
            if (wip.getAndIncrement() != 0) {
                return; // the thread emitting now sees the new demand
            }
            int missed = 1;
            do {
                while (!cancelled && next < count && demand.get() > 0) {
                    demand.decrementAndGet();
                    ByteBuffer slice = slices[next++].asReadOnlyBuffer();
                    position += slice.remaining();
                    progress.accept(position);
                    subscriber.onNext(slice);
                }
                if (!cancelled && next == count) {
                    cancelled = true; // nothing more to emit, ever
                    subscriber.onComplete();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
