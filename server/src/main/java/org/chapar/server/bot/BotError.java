package org.chapar.server.bot;

/**
 * A Bot API failure as Telegram reports it: the HTTP status is the error_code, the description is
 * Telegram's wording where libraries match on it, and 429 carries retry_after.
 */
final class BotError extends RuntimeException {
    final int code;
    final long retryAfter;

    BotError(int code, String description, long retryAfter) {
        super(description, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static BotError badRequest(String what) {
        return new BotError(400, "Bad Request: " + what, 0);
    }

    static BotError forbidden(String what) {
        return new BotError(403, "Forbidden: " + what, 0);
    }

    static BotError unauthorized() {
        return new BotError(401, "Unauthorized", 0);
    }

    static BotError notFound() {
        return new BotError(404, "Not Found", 0);
    }

    /** What Telegram answers a bot's requests that were open when it logged out. */
    static BotError loggedOut() {
        return new BotError(400, "Logged out", 0);
    }

    static BotError tooManyRequests(long retryAfterSeconds) {
        return new BotError(
                429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
    }
}
