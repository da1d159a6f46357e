package org.chapar.server.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An upload's partial file open for one request's write, under an exclusive OS lock: on a media
 * directory several nodes share (ADR 0020), a second PATCH of the upload on another node answers
 * {@code 423 UPLOAD_LOCKED} instead of cutting back bytes this one is writing. Closing releases the
 * lock.
 *
 * <p>On a file system without locks the write goes ahead unlocked: the node's own in-memory check
 * and the store's conditional offset still keep an acknowledged offset from moving backwards.
 */
final class PartialFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartialFile.class);

    private final FileChannel channel;

    private PartialFile(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens {@code file} for writing and locks it; {@link UploadService#locked()} if another holds
     * it, {@link UploadService#notFound()} if it is gone.
     */
    static PartialFile lock(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw UploadService
                    .notFound(); // terminated or expired meanwhile, maybe on another node
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (ch.tryLock() == null) {
                throw UploadService.locked(); // another process (node) holds it
            }
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw UploadService.locked(); // another node of this JVM holds it
        } catch (IOException e) {
            log.warn("cannot lock {} ({}); writing it unlocked", file, e.getMessage());
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
        return new PartialFile(ch);
    }

    FileChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
