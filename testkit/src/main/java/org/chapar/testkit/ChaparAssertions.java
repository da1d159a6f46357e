package org.chapar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparException;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Assertions on how the server refused something, and waits for a condition to hold. */
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

    /**
     * Waits up to 10 s for {@code condition} (polled every few milliseconds), failing with {@code
     * what}: for state that a listener updates after it returns, such as the saved pts.
     */
    public static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited 10 s for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
