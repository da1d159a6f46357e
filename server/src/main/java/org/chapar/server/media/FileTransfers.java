package org.chapar.server.media;

import io.netty.handler.codec.http.HttpHeaders;

import org.chapar.server.gateway.HttpReply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Files in and out for a feature with its own HTTP face (the Bot API): a local file becomes a
 * finished upload, and a file is answered by byte range, after that feature checked the caller.
 */
public final class FileTransfers {
    private final UploadService uploads;
    private final DownloadRoutes downloads;
    private final Executor disk;

    FileTransfers(UploadService uploads, DownloadRoutes downloads, Executor disk) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.disk = disk;
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
        String id = Content.newId();
        Path partial = uploads.partial(id);
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                long size = Files.size(file);
                                if (size > maxUploadBytes()) {
                                    throw uploads.tooLarge();
                                }
                                Files.move(file, partial);
                                return size;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        disk)
                .thenCompose(size -> uploads.finishLocal(user, id, size, name, mime))
                .thenApply(UploadRecord::id)
                .whenComplete(
                        (done, e) -> {
                            if (e != null) {
                                partial.toFile().delete();
                            }
                        });
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
