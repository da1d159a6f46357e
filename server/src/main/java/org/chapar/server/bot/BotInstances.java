package org.chapar.server.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each bot's instance on this node, as Telegram's Bot API server keeps one per bot: launched by the
 * bot's first request since the node started (or since close), and holding the long polls the bot
 * has open here. logOut and close end it (docs/adr/0015-bot-api.md).
 */
final class BotInstances {
    /** Telegram refuses close this long after the launch. */
    static final Duration CLOSE_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<Long, Instant> launched = new ConcurrentHashMap<>();
    private final Map<Long, Set<CompletableFuture<?>>> polls = new ConcurrentHashMap<>();

    BotInstances(Clock clock) {
        this.clock = clock;
    }

    /** The bot made a request here: its instance is launched if it was not. */
    void touch(long bot) {
        launched.putIfAbsent(bot, clock.instant());
    }

    /** Holds the poll until it answers, so that {@link #end} can answer it early. */
    <T> CompletableFuture<T> polling(long bot, CompletableFuture<T> poll) {
        Set<CompletableFuture<?>> open =
                polls.computeIfAbsent(bot, b -> ConcurrentHashMap.newKeySet());
        open.add(poll);
        poll.whenComplete((r, e) -> open.remove(poll));
        return poll;
    }

    /** Logs the instance out: its polls answer 400 "Logged out", as Telegram's do. */
    void logOut(long bot) {
        launched.remove(bot);
        end(bot, BotError.loggedOut());
    }

    /** Every long poll of the bot open on this node answers now with the error. */
    private void end(long bot, BotError why) {
        Set<CompletableFuture<?>> open = polls.remove(bot);
        if (open != null) {
            open.forEach(p -> p.completeExceptionally(why));
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
