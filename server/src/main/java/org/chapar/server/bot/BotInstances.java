package org.chapar.server.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each bot's instance on this node, as Telegram's Bot API server keeps one per bot: launched by the
 * bot's first request since the node started (or since close), and holding the long poll the bot
 * has open here. This is the one place that knows that poll: a new getUpdates ends it with 409, and
 * logOut and close end it with the instance (docs/adr/0015-bot-api.md).
 */
final class BotInstances {
    /** Telegram refuses close this long after the launch. */
    static final Duration CLOSE_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<Long, Instant> launched = new ConcurrentHashMap<>();

    /** Each bot's open long poll: a newer one has ended any older, so there is one at most. */
    private final Map<Long, CompletableFuture<?>> polls = new ConcurrentHashMap<>();

    BotInstances(Clock clock) {
        this.clock = clock;
    }

    /** The bot made a request here: its instance is launched if it was not. */
    void touch(long bot) {
        launched.putIfAbsent(bot, clock.instant());
    }

    /**
     * The bot opens a long poll here: the one it had open answers 409, as Telegram's does, and this
     * one is held until it answers, so that {@link #end} can answer it early.
     */
    void polling(long bot, CompletableFuture<?> poll) {
        CompletableFuture<?> older = polls.put(bot, poll);
        if (older != null) {
            older.completeExceptionally(
                    new BotError(
                            409,
                            "Conflict: terminated by other getUpdates request; make sure that only"
                                    + " one bot instance is running",
                            0));
        }
        poll.whenComplete((r, e) -> polls.remove(bot, poll));
    }

    /** Logs the instance out: its polls answer 400 "Logged out", as Telegram's do. */
    void logOut(long bot) {
        launched.remove(bot);
        end(bot, BotError.loggedOut());
    }

    /** The bot's long poll open on this node, if any, answers now with the error. */
    private void end(long bot, BotError why) {
        CompletableFuture<?> open = polls.remove(bot);
        if (open != null) {
            open.completeExceptionally(why);
        }
    }

    /**
     * Closes the instance (its polls answer 500 "restart", as Telegram's do; the next request
     * launches it again), or throws 429 with the seconds left in its first ten minutes.
     */
    void close(long bot) {
        Instant since = launched.getOrDefault(bot, clock.instant());
        Duration left = Duration.between(clock.instant(), since.plus(CLOSE_AFTER));
        if (!left.isNegative() && !left.isZero()) {
            throw BotError.tooManyRequests(Math.max(1, (left.toMillis() + 999) / 1000));
        }
        launched.remove(bot);
        end(bot, new BotError(500, "Internal Server Error: restart", 0));
    }
}
