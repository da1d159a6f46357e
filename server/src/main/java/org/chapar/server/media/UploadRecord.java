package org.chapar.server.media;

/**
 * One tus upload. {@code received} is what the server has durably (the tus offset); {@code expires}
 * (unix ms) moves on with every chunk while unfinished; {@code fileId} is set once the last byte
 * arrived and the bytes became a file.
 *
 * @param metadata the {@code Upload-Metadata} header as the client sent it, echoed by HEAD
 */
public record UploadRecord(
        String id,
        long userId,
        long length,
        long received,
        String metadata,
        String name,
        String mime,
        long created,
        long expires,
        String fileId) {

    public boolean finished() {
        return fileId != null;
    }

    /** This upload with {@code received} bytes, expiring at {@code expires}. */
    UploadRecord withReceived(long received, long expires) {
        return new UploadRecord(
                id, userId, length, received, metadata, name, mime, created, expires, fileId);
    }

    /** This upload finished into {@code file}, kept until {@code expires}. */
    UploadRecord withFile(String file, long expires) {
        return new UploadRecord(
                id, userId, length, length, metadata, name, mime, created, expires, file);
    }
}
