package org.chapar.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where file bytes live, by key (storage port). Every method streams: no whole file is ever held in
 * memory, so an object store (S3 and its kin: put an object, get a byte range, delete, head) can be
 * an adapter as well as a local directory.
 *
 * <p>A blob is written whole or not at all: readers see either nothing under a key or all of its
 * bytes, durably on disk. Keys are chosen by the caller and never reused for other bytes.
 */
public interface BlobStore {

    /** Stores everything {@code in} yields under {@code key}; answers the number of bytes. */
    long put(String key, InputStream in) throws IOException;

    /**
     * Stores a complete local file under {@code key}, consuming it (a local store renames it, a
     * remote one uploads and deletes it); answers its size.
     */
    long putFile(String key, Path source) throws IOException;

    /** Reads {@code length} bytes of the blob from {@code from}; the caller closes the stream. */
    InputStream open(String key, long from, long length) throws IOException;

    /** The blob's size; empty if there is no such blob. */
    OptionalLong size(String key) throws IOException;

    /** Removes the blob; false if there was none. */
    boolean delete(String key) throws IOException;

    /**
     * The blob as a local file, when the store keeps it as one, so the gateway can send it without
     * copying it through the heap; empty for remote stores (then {@link #open} is used).
     */
    Optional<Path> localFile(String key);
}
