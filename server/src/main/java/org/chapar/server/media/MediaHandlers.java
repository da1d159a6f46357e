package org.chapar.server.media;

import static org.chapar.protocol.ClientFrame.RequestCase.GET_FILE_URL;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.FileUrl;
import org.chapar.protocol.GetFileUrl;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.core.ApiException;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** GetFileUrl: a signed URL for a file the caller may see. */
final class MediaHandlers {
    private final Store store;
    private final FileUrls urls;
    private final Duration ttl;
    private final Clock clock;

    MediaHandlers(Store store, FileUrls urls, Duration ttl, Clock clock) {
        this.store = store;
        this.urls = urls;
        this.ttl = ttl;
        this.clock = clock;
    }

    void register(Dispatcher d) {
        d.authenticated(
                GET_FILE_URL,
                (ctx, f) ->
                        url(ctx.userId(), f.getGetFileUrl())
                                .thenApply(u -> ServerFrame.newBuilder().setFileUrl(u)));
    }

    CompletableFuture<FileUrl> url(long me, GetFileUrl r) {
        String id = r.getFileId();
        String thumb = r.getThumbnail();
        if (!id.matches("[A-Za-z0-9_-]{22}") || !thumb.matches("[a-z]?")) {
            throw notFound();
        }
        return store.read(
                        tx ->
                                tx.files().visibleTo(id, me)
                                        && (thumb.isEmpty()
                                                || tx.files().thumbs(id).stream()
                                                        .anyMatch(t -> t.type().equals(thumb))))
                .thenApply(
                        ok -> {
                            if (!ok) {
                                throw notFound();
                            }
                            String path =
                                    DownloadRoutes.PREFIX
                                            + id
                                            + (thumb.isEmpty() ? "" : "/thumbs/" + thumb);
                            long expires = clock.millis() / 1000 + ttl.toSeconds();
                            return FileUrl.newBuilder()
                                    .setUrl(urls.sign(path, expires))
                                    .setExpires(expires)
                                    .build();
                        });
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.FILE_NOT_FOUND, "No file by that id that you may see");
    }
}
