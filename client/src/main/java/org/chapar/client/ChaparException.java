package org.chapar.client;

import org.chapar.protocol.ErrorCode;

import java.util.concurrent.CompletionException;

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

    /** Why a connection failed or ended, in a few words for a message or a log line. */
    static String describe(Throwable e) {
        if (e == null) {
            return "closed by the server";
        }
        Throwable c = e;
        while (c.getCause() != null
                && (c instanceof CompletionException || c.getMessage() == null)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
