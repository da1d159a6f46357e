package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Peer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Telegram's Bot FAQ limits, on a clock the test moves: nothing sleeps. */
class BotSendLimitsTest {
    private static final long BOT = 7;

    /** A clock that moves only when told. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final StepClock clock = new StepClock();
    private final BotSendLimits limits = new BotSendLimits(BotSendLimits.Rules.telegram(), clock);

    private static BotChats.Target user(long id) {
        return new BotChats.Target(
                Peer.newBuilder().setUserId(id).build(), ChatKind.CHAT_KIND_UNSPECIFIED);
    }

    private static BotChats.Target supergroup(long id) {
        return new BotChats.Target(Peer.newBuilder().setChatId(id).build(), ChatKind.SUPERGROUP);
    }

    /** The retry_after of a refused send, or 0 if it passed. */
    private long retryAfter(long bot, BotChats.Target t) {
        BotError e = catchThrowableOfType(BotError.class, () -> limits.acquire(bot, t));
        if (e == null) {
            return 0;
        }
        assertThat(e.code).isEqualTo(429);
        assertThat(e.getMessage()).isEqualTo("Too Many Requests: retry after " + e.retryAfter);
        return e.retryAfter;
    }

    @Test
    void aChatTakesABurstOfThreeThenOneASecond() {
        for (int i = 0; i < 3; i++) {
            assertThat(retryAfter(BOT, user(1))).isZero();
        }
        assertThat(retryAfter(BOT, user(1))).isEqualTo(1);
        assertThat(retryAfter(BOT, user(2))).as("another chat").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(retryAfter(BOT, user(1))).isZero();
        assertThat(retryAfter(BOT, user(1))).isEqualTo(1);
    }

    @Test
    void aGroupTakesTwentyThenOneEveryThreeSecondsEvenWhenThePerChatLimitWouldPass() {
        // one send every 1.5 s always passes the per-chat limit; the group's bucket loses half a
        // send each time: 20 - k/2 before the k-th, so the 40th (k = 39) finds half a send
        for (int k = 0; k < 39; k++) {
            assertThat(retryAfter(BOT, supergroup(5))).as("send %d", k).isZero();
            clock.advance(Duration.ofMillis(1500));
        }
        assertThat(retryAfter(BOT, supergroup(5))).isEqualTo(2); // 1.5 s to a whole send
        assertThat(retryAfter(BOT, supergroup(6))).as("another group").isZero();
        clock.advance(Duration.ofMillis(1500));
        assertThat(retryAfter(BOT, supergroup(5))).isZero();
    }

    @Test
    void aPrivateChatHasNoGroupLimit() {
        for (int k = 0; k < 100; k++) {
            assertThat(retryAfter(BOT, user(1))).as("send %d", k).isZero();
            clock.advance(Duration.ofMillis(1500));
        }
    }

    @Test
    void aBotSendsThirtyASecondInAllAndAnotherBotHasItsOwnThirty() {
        for (int chat = 1; chat <= 30; chat++) {
            assertThat(retryAfter(BOT, user(chat))).as("chat %d", chat).isZero();
        }
        assertThat(retryAfter(BOT, user(31))).isEqualTo(1);
        assertThat(retryAfter(BOT, supergroup(31))).isEqualTo(1);
        assertThat(retryAfter(BOT + 1, user(31))).as("another bot").isZero();

        clock.advance(Duration.ofSeconds(1));
        for (int chat = 101; chat <= 130; chat++) {
            assertThat(retryAfter(BOT, user(chat))).as("chat %d", chat).isZero();
        }
        assertThat(retryAfter(BOT, user(131))).isEqualTo(1);
    }

    @Test
    void aRefusedSendTakesNothingFromTheOtherLimits() {
        for (int i = 0; i < 3; i++) {
            assertThat(retryAfter(BOT, supergroup(9))).isZero();
        }
        // refused by the per-chat limit, many times: the group and global buckets keep theirs
        for (int i = 0; i < 50; i++) {
            assertThat(retryAfter(BOT, supergroup(9))).isEqualTo(1);
        }
        for (int chat = 1; chat <= 27; chat++) {
            assertThat(retryAfter(BOT, user(chat))).as("chat %d", chat).isZero();
        }
        assertThat(retryAfter(BOT, user(28))).isEqualTo(1);
    }
}
