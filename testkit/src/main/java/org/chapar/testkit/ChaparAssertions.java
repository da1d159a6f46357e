package org.chapar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparException;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Assertions on how the server refused something. */
public final class ChaparAssertions {
    private ChaparAssertions() {}

    /** Waits for the request and asserts it failed with {@code code}; returns the exception. */
    public static ChaparException assertFails(CompletableFuture<?> request, ErrorCode code) {
        try {
            request.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            assertThat(cause).as("failure of the request").isInstanceOf(ChaparException.class);
            ChaparException ce = (ChaparException) cause;
            assertThat(ce.getCode())
                    .as("error code (message: %s)", ce.getMessage())
                    .isEqualTo(code);
            assertThat(ce.getMessage()).as("error message").isNotBlank();
            return ce;
        } catch (Exception e) {
            throw new AssertionError("request did not complete: " + e, e);
        }
        throw new AssertionError("expected the request to fail with " + code + " but it succeeded");
    }

    /** Asserts a raw answer is an error with {@code code} and a message. */
    public static ServerFrame assertError(ServerFrame frame, ErrorCode code) {
        assertThat(frame.hasError()).as("an error frame, got %s", frame).isTrue();
        assertThat(frame.getError().getCode()).isEqualTo(code);
        assertThat(frame.getError().getMessage()).isNotBlank();
        return frame;
    }
}
