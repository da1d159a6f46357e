package org.chapar.server.media;

import java.util.List;
import java.util.Optional;

/**
 * Storage of content, files, thumbnails and the messages that use them (port).
 *
 * <p>Content is counted: each file and thumbnail holds one reference on the blob of its SHA-256. A
 * file is purged (its row, its thumbnails, the upload records that made it, a reference on each
 * blob) when no message uses it and no upload record names it; a blob nobody references goes to the
 * purge list, which the caller empties from the BlobStore after the commit.
 *
 * <p>Concurrent writers: references move by relative updates; {@link #adoptBlob} decides a race
 * between two copies of one content by the unique SHA-256 key (the loser's copy is purged).
 */
public interface Files {
    /**
     * Records content just stored under the fresh {@code key} and takes a reference on it. If the
     * same content is stored already, that copy is used and {@code key} is queued for purge.
     * Answers the key that holds the content from now on.
     */
    String adoptBlob(String sha256, String key, long size);

    void create(FileRecord file);

    Optional<FileRecord> get(String id);

    void addThumb(ThumbRecord thumb);

    List<ThumbRecord> thumbs(String fileId);

    /** The message uses the file (counted once per message and file). */
    void attach(long chatId, long messageId, String fileId);

    /** The files the message uses, which no longer count it; unused ones are purged. */
    void detachMessage(long chatId, long messageId);

    /** Purges the file if no message and no upload record use it; true if it was purged. */
    boolean purgeIfUnused(String fileId);

    /**
     * Whether the user can see a message that uses the file now: a party of its private chat who
     * has not deleted it, or a current member (not departed, not banned) of its shared chat.
     */
    boolean visibleTo(String fileId, long userId);

    /** Blob keys to remove from the BlobStore. */
    List<String> blobPurges(int limit);

    /** The blob is gone from the BlobStore. */
    void blobPurged(String key);
}
