package org.chapar.server.media;

import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.gateway.HttpReply;

/** A refusal of an HTTP media request: its status, code and message (README "Media"). */
final class HttpError extends RuntimeException {
    final HttpResponseStatus status;
    final String code;
    final long retryAfterSeconds;

    HttpError(HttpResponseStatus status, String code, String message) {
        this(status, code, message, 0);
    }

    HttpError(HttpResponseStatus status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static HttpError bad(String message) {
        return new HttpError(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", message);
    }

    HttpReply reply() {
        HttpReply r = HttpReply.error(status, code, getMessage());
        return retryAfterSeconds > 0 ? r.withHeader("Retry-After", retryAfterSeconds) : r;
    }
}
