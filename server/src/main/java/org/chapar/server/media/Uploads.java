package org.chapar.server.media;

import java.util.List;
import java.util.Optional;

/**
 * Storage of tus uploads (port).
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): the offset moves by a conditional
 * update from the offset the writer started from, so of two PATCHes racing on one upload only one
 * counts; finishing and deleting are single statements.
 */
public interface Uploads {
    void create(UploadRecord upload);

    Optional<UploadRecord> get(String id);

    /** Moves the offset from {@code from} to {@code to}; false if it was no longer {@code from}. */
    boolean advance(String id, long from, long to, long expires);

    /** The upload's bytes became file {@code fileId}; its record is kept until {@code expires}. */
    void finish(String id, String fileId, long expires);

    /** Removes the record; empty if there was none. */
    Optional<UploadRecord> delete(String id);

    /** The user's unfinished uploads that have not expired at {@code now}. */
    int countOpen(long userId, long now);

    /** Uploads (finished or not) whose time ran out before {@code now}, oldest first. */
    List<UploadRecord> expired(long now, int limit);
}
