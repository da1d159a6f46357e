package org.chapar.bench.driver.chapar;

import org.chapar.protocol.Error;
import org.chapar.protocol.ErrorCode;

/** An error frame the server answered with. */
public final class ChaparException extends RuntimeException {
    private final transient Error error;

    ChaparException(Error error) {
        super(error.getCode() + ": " + error.getMessage());
        this.error = error;
    }

    public ErrorCode code() {
        return error.getCode();
    }

    public long retryAfterMs() {
        return error.getRetryAfterMs();
    }
}
