package org.chapar.client;

import org.chapar.protocol.ErrorCode;

/** A request failed: the server's error answer, or a connection problem (code UNAVAILABLE). */
public final class ChaparException extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterMs;

    public ChaparException(ErrorCode code, String message, long retryAfterMs) {
        super(message);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    ChaparException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfterMs = 0;
    }

    static ChaparException of(org.chapar.protocol.Error error) {
        return new ChaparException(error.getCode(), error.getMessage(), error.getRetryAfterMs());
    }

    public ErrorCode getCode() {
        return code;
    }

    /** With FLOOD_WAIT: how long to wait before trying again; otherwise 0. */
    public long retryAfterMs() {
        return retryAfterMs;
    }

    @Override
    public String toString() {
        return "ChaparException{" + code + ": " + getMessage() + "}";
    }
}
