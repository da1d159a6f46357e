package org.chapar.server.store.sqlite;

import org.chapar.server.store.DataDirException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code chapar.lock} in the data directory, locked while a store is open on it: two servers on one
 * database would fight for SQLite's write lock and neither would see the other's live pushes. The
 * operating system drops the lock when the process dies, so a killed server leaves nothing to clean
 * up. The file holds the pid of the server that has it, for the message to the next one.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dir) {
        Path file = dir.resolve("chapar.lock");
        try {
            FileChannel channel =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                throw new DataDirException(
                        "the data directory "
                                + dir.toAbsolutePath()
                                + " is in use by another Chapar server"
                                + (holder.isEmpty() ? "" : " (process " + holder + ")")
                                + ": it holds "
                                + file.getFileName()
                                + ". Stop that server first, or start this one with another"
                                + " data directory.");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new DataDirException(
                    "cannot lock the data directory " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
