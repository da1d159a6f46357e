package org.chapar.server.message;

import org.chapar.protocol.InputMedia;

import java.util.concurrent.CompletableFuture;

/**
 * Prepares a send's media before its write, where the slow work (cleaning a photo, making its
 * thumbnails) happens off the writer; implemented by the media feature.
 */
public interface MediaAttachments {
    /** Fails with MEDIA_INVALID, IMAGE_INVALID or MEDIA_GROUP_INVALID for media it refuses. */
    CompletableFuture<Attachment> prepare(long me, InputMedia media, long groupedId);

    /** After the send's write, whatever came of it: files prepared but left unused are dropped. */
    void settle(Attachment attachment);

    /**
     * After a write that may have purged messages: their files' bytes leave the disk now rather
     * than at the next sweep.
     */
    void released();
}
