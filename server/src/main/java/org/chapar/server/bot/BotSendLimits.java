package org.chapar.server.bot;

import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.ratelimit.RateLimits;

import java.time.Clock;

/**
 * Telegram's Bot FAQ limits on what a bot sends: about one message a second in a chat, 20 a minute
 * in a group, 30 a second in all. Over one of them the call fails with 429 and retry_after, before
 * anything is written. These come on top of the per-account send limit every account has.
 */
final class BotSendLimits {
    /** The FAQ's numbers, with a small burst so that a reply and a follow-up pass together. */
    record Rules(RateLimits.Rule perChat, RateLimits.Rule perGroup, RateLimits.Rule global) {
        static Rules telegram() {
            return new Rules(
                    new RateLimits.Rule(3, 60),
                    new RateLimits.Rule(20, 20),
                    new RateLimits.Rule(30, 30 * 60));
        }
    }

    private final RateLimiter perChat;
    private final RateLimiter perGroup;
    private final RateLimiter global;

    BotSendLimits(Rules rules, Clock clock) {
        this.perChat = new RateLimiter(rules.perChat(), clock);
        this.perGroup = new RateLimiter(rules.perGroup(), clock);
        this.global = new RateLimiter(rules.global(), clock);
    }

    private record ChatKey(long bot, long chat) {}

    /** Takes a send from each limit that applies, or throws 429 with the longest wait. */
    void acquire(long bot, BotChats.Target target) {
        ChatKey key = new ChatKey(bot, target.botApiId());
        long wait =
                Math.max(
                        global.waitTime(bot),
                        Math.max(
                                perChat.waitTime(key),
                                target.shared() ? perGroup.waitTime(key) : 0));
        if (wait > 0) {
            throw BotError.tooManyRequests(Math.max(1, (wait + 999) / 1000));
        }
        global.tryAcquire(bot);
        perChat.tryAcquire(key);
        if (target.shared()) {
            perGroup.tryAcquire(key);
        }
    }
}
