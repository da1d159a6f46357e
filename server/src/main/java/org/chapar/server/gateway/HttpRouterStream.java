package org.chapar.server.gateway;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.CompletableFuture;

/**
 * One request body on its way to a streaming route's {@link HttpRoutes.Upload}, counted against the
 * route's limit; a handler that throws is a failed future, as if it had failed later.
 */
final class HttpRouterStream {
    private final HttpRoutes.Upload upload;
    private final long max;
    private long received;

    HttpRouterStream(long max, HttpRoutes.Upload upload) {
        this.max = max;
        this.upload = upload;
    }

    long max() {
        return max;
    }

    /** Counts {@code n} more bytes of the body; false once it is over the route's limit. */
    boolean fits(int n) {
        received += n;
        return received <= max;
    }

    /** Hands one chunk over; the next is to be read when the future completes. */
    CompletableFuture<Void> chunk(ByteBuf content) {
        try {
            return upload.chunk(content);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<HttpReply> end() {
        return upload.end();
    }

    void abort() {
        upload.abort();
    }
}
