package org.chapar.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files in one directory, spread over 256 sub-directories by the key's first two
 * characters so that no directory grows huge.
 *
 * <p>Implementation note: a blob is written to {@code tmp/}, forced to disk, then atomically
 * renamed into place and its directory forced, so a crash leaves either no blob or a whole one
 * (never a half-written file under a key), also for the other nodes reading a shared directory;
 * what is left in {@code tmp/} is debris, removed on start once over an hour old.
 */
public final class LocalBlobStore implements BlobStore {
    private static final long DEBRIS_AGE_MS = 3_600_000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,128}");

    private final Path root;
    private final Path tmp;

    /**
     * Opens (creating) the store under {@code root}, clearing what a crash left half-written over
     * an hour ago.
     */
    public LocalBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.tmp = Files.createDirectories(this.root.resolve("tmp"));
        // debris, not a write under way: other nodes may share the directory (ADR 0020)
        long old = System.currentTimeMillis() - DEBRIS_AGE_MS;
        try (var debris = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) debris::iterator) {
                if (Files.getLastModifiedTime(p).toMillis() < old) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public long put(String key, InputStream in) throws IOException {
        Path part = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            long n;
            try (FileChannel ch =
                            FileChannel.open(
                                    part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                n = in.transferTo(out);
                out.flush();
                ch.force(true);
            }
            publish(part, key);
            return n;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public long putFile(String key, Path source) throws IOException {
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        long n = Files.size(source);
        Path part = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            move(source, part);
        } catch (IOException e) {
            // another file system: copy it, durably, then drop the source
            try (InputStream in = Files.newInputStream(source)) {
                put(key, in);
            }
            Files.delete(source);
            return n;
        }
        try {
            publish(part, key);
        } finally {
            Files.deleteIfExists(part);
        }
        return n;
    }

    @Override
    public InputStream open(String key, long from, long length) throws IOException {
        FileChannel ch = FileChannel.open(path(key), StandardOpenOption.READ);
        try {
            if (from < 0 || length < 0 || from + length > ch.size()) {
                throw new IOException("range " + from + "+" + length + " is outside " + key);
            }
            ch.position(from);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new BoundedInputStream(Channels.newInputStream(ch), length);
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        Path p = path(key);
        return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(path(key));
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path p = path(key);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private void publish(Path part, String key) throws IOException {
        Path target = path(key);
        Path dir = Files.createDirectories(target.getParent());
        move(part, target);
        forceDirectory(dir);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory cannot rename atomically: " + to, e);
        }
    }

    /** Makes a rename durable (the new name lives in the directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; their renames are then as durable as
            // the file system makes them
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("bad blob key " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    /** At most {@code left} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
