package org.chapar.server.media;

/**
 * A stored file as clients know it: an unguessable id over content stored once (by its SHA-256 hex,
 * whose blob may serve many files). {@code refs} counts the messages that use it; {@code blobKey}
 * is where the bytes are. Width and height are known for cleaned images only.
 */
public record FileRecord(
        String id,
        String sha256,
        String blobKey,
        long size,
        String mime,
        String name,
        int width,
        int height,
        long created,
        int refs) {}
