package org.chapar.server.media;

/** One thumbnail of a file ({@code type} "s", "m" or "x"), stored like any content. */
public record ThumbRecord(
        String fileId,
        String type,
        String sha256,
        String blobKey,
        int width,
        int height,
        long size) {}
