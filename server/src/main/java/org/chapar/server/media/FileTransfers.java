package org.chapar.server.media;

import io.netty.handler.codec.http.HttpHeaders;

import org.chapar.server.gateway.HttpReply;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Files in and out for a feature with its own HTTP face (the Bot API): a local file becomes a
 * finished upload, and a file is answered by byte range, after that feature checked the caller.
 */
public final class FileTransfers {
    private final UploadService uploads;
    private final DownloadRoutes downloads;

    FileTransfers(UploadService uploads, DownloadRoutes downloads) {
        this.uploads = uploads;
        this.downloads = downloads;
    }

    /** The operator's largest upload (MediaLimits.maxUploadBytes). */
    public long maxUploadBytes() {
        return uploads.limits().maxUploadBytes();
    }

    /**
     * Consumes a complete local file into a finished upload of {@code user} (the id an InputMedia
     * names), as a tus upload's last byte would; {@code mime} is the sender's claim.
     */
    public CompletableFuture<String> upload(long user, Path file, String name, String mime) {
        return uploads.adopt(user, file, name, mime);
    }

    /**
     * The file, or its thumbnail of type {@code thumb} when not null, with Range, ETag and type;
     * empty if there is none. The caller has checked that the requester may see it.
     */
    public CompletableFuture<Optional<HttpReply>> download(
            HttpHeaders request, String fileId, String thumb) {
        return downloads.serve(request, fileId, thumb);
    }
}
