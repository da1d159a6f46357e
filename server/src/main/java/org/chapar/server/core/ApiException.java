package org.chapar.server.core;

import org.chapar.protocol.ErrorCode;

/**
 * A request failed for a reason the client is told about: the gateway turns it into an {@code
 * Error} frame with this code and message. Cheap to throw: no stack trace.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterMs;

    public ApiException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    public ApiException(ErrorCode code, String message, long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST, message);
    }

    public static ApiException floodWait(long retryAfterMs) {
        return new ApiException(
                ErrorCode.FLOOD_WAIT,
                "Too many requests: retry in " + Math.max(1, (retryAfterMs + 999) / 1000) + " s",
                retryAfterMs);
    }
}
