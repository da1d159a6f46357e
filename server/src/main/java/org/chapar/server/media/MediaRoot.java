package org.chapar.server.media;

import org.chapar.server.store.DataDirException;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The check that a node's media directory is its cluster's (ADR 0020): the directory's {@code
 * MEDIA-ROOT} file and the store's server key {@code media-root} hold one random id. The first node
 * of a fresh cluster (the one whose id the store kept) writes the file; every other node must find
 * the store's id in it. A directory that is not the cluster's (an empty mount point, another
 * cluster's media) would answer 404 for what other nodes stored, so an explicitly given one stops
 * the start; a node's default {@code DATA/media} only logs it, as a node of its own is right there.
 */
final class MediaRoot {
    private static final Logger log = LoggerFactory.getLogger(MediaRoot.class);
    static final String FILE = "MEDIA-ROOT";
    static final String KEY = "media-root";
    private static final Duration POLL = Duration.ofMillis(100);

    private MediaRoot() {}

    /**
     * Checks {@code dir} against the store; {@code explicit}: the operator named the directory, so
     * a mismatch is a {@link DataDirException}. A node that finds the store's id but no file yet
     * (the first node is writing it this moment) waits up to {@code wait} for it.
     */
    static void check(Store store, Path dir, boolean explicit, Duration wait) {
        Optional<String> found = read(dir);
        String mine = found.orElseGet(Content::newId);
        byte[] fresh = mine.getBytes(StandardCharsets.US_ASCII);
        byte[] kept = store.write(tx -> tx.serverKeys().getOrCreate(KEY, () -> fresh)).join();
        String cluster = new String(kept, StandardCharsets.US_ASCII);
        if (found.isEmpty() && cluster.equals(mine)) {
            write(dir, mine); // the first node of a fresh store
            return;
        }
        if (found.isEmpty() && explicit) {
            found = await(dir, wait);
        }
        if (found.isPresent() && found.get().equals(cluster)) {
            return;
        }
        String problem =
                found.isPresent()
                        ? "the media directory %s belongs to another cluster (%s %s, this cluster's store names %s)"
                                .formatted(dir, FILE, found.get(), cluster)
                        : "the media directory %s has no %s but this cluster's store names %s (a shared mount that is missing?)"
                                .formatted(dir, FILE, cluster);
        if (explicit) {
            throw new DataDirException(
                    problem
                            + ": files other nodes stored would answer 404 here. Give every node the"
                            + " cluster's media directory; if this is it (copied or restored), write "
                            + cluster
                            + " into "
                            + dir.resolve(FILE));
        }
        log.warn(
                "{}; this node keeps its own media: files uploaded through other nodes do not"
                        + " download here (give every node the same --media-dir, ADR 0020)",
                problem);
    }

    private static Optional<String> read(Path dir) {
        try {
            return Optional.of(
                    Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> await(Path dir, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        Optional<String> found = read(dir);
        while (found.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = read(dir);
        }
        return found;
    }

    /** Writes the file whole or not at all: others may be reading for it at this moment. */
    private static void write(Path dir, String id) {
        try {
            Files.createDirectories(dir);
            Path part = dir.resolve(FILE + "." + Content.newId());
            try (FileChannel ch =
                    FileChannel.open(
                            part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(part, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
