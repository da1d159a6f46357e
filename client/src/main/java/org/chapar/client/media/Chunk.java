package org.chapar.client.media;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One PATCH's bytes, read from the file once: hashed for {@code Upload-Checksum} while they are
 * read, then handed to the HTTP client from the same arrays (no second read of the file, no copy
 * into the client's own buffers). Held in slices so that progress can be told as the client takes
 * them; the slices are kept for the next chunk of the same upload.
 */
final class Chunk {
    private static final int SLICE = 256 * 1024;

    private final byte[][] slices;
    private long offset;
    private int length;
    private byte[] sha256;

    Chunk(int capacity) {
        int count = Math.max(1, (capacity + SLICE - 1) / SLICE);
        slices = new byte[count][];
    }

    /** Reads {@code length} bytes of {@code file} from {@code offset} and hashes them. */
    Chunk read(Path file, long offset, int length) throws IOException {
        MessageDigest digest = newDigest();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int done = 0;
            for (int i = 0; done < length; i++) {
                int n = Math.min(SLICE, length - done);
                if (slices[i] == null || slices[i].length != n) {
                    slices[i] = new byte[n];
                }
                ByteBuffer buffer = ByteBuffer.wrap(slices[i]);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + done + buffer.position()) < 0) {
                        throw new IOException(file + " shrank while it was uploaded");
                    }
                }
                digest.update(slices[i]);
                done += n;
            }
        }
        this.offset = offset;
        this.length = length;
        this.sha256 = digest.digest();
        return this;
    }

    long offset() {
        return offset;
    }

    int length() {
        return length;
    }

    byte[] sha256() {
        return sha256.clone();
    }

    /** The body, telling {@code progress} the file position reached as each slice is taken. */
    HttpRequest.BodyPublisher body(LongConsumer progress) {
        int count = (length + SLICE - 1) / SLICE;
        List<byte[]> taken = Arrays.asList(slices).subList(0, count);
        Iterable<byte[]> told =
                () ->
                        new Iterator<>() {
                            private final Iterator<byte[]> it = taken.iterator();
                            private long position = offset;

                            @Override
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            @Override
                            public byte[] next() {
                                byte[] slice = it.next();
                                position += slice.length;
                                progress.accept(position);
                                return slice;
                            }
                        };
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(told), length);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
