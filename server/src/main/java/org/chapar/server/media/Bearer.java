package org.chapar.server.media;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.account.AccountService;
import org.chapar.server.core.ApiException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The session behind an HTTP request: {@code Authorization: Bearer <token>}, the token a Login or
 * Register gave (the same check as Authenticate on the WebSocket).
 */
final class Bearer {
    private final AccountService accounts;

    Bearer(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The user id; fails with a 401 {@link HttpError}. */
    CompletableFuture<Long> user(HttpHeaders headers) {
        String h = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || h.isBlank()) {
            return CompletableFuture.failedFuture(
                    new HttpError(
                            HttpResponseStatus.UNAUTHORIZED,
                            "AUTH_REQUIRED",
                            "send Authorization: Bearer <session token>"));
        }
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return CompletableFuture.failedFuture(invalid());
        }
        try {
            return accounts.authenticate(h.substring(7).trim())
                    .handle(
                            (s, e) -> {
                                if (e == null) {
                                    return s.account().id();
                                }
                                Throwable cause =
                                        e instanceof CompletionException ? e.getCause() : e;
                                throw cause instanceof ApiException
                                        ? invalid()
                                        : new CompletionException(cause);
                            });
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(invalid());
        }
    }

    private static HttpError invalid() {
        return new HttpError(
                HttpResponseStatus.UNAUTHORIZED,
                "AUTH_INVALID",
                "unknown, revoked or logged-out session token");
    }
}
