package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bot's update queue as Telegram keeps it (docs/adr/0015-bot-api.md): every update it has not
 * confirmed, in order, however many, for 24 hours.
 */
class BotUpdateQueueIT {
    private static final int BOUND = 10;
    private static final TestClock clock = TestClock.now();

    /** Users' boxes are bounded at 10 events here; a bot's queue is not. */
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withTooLongBound(BOUND).withClock(clock));

    private static void say(TestUser user, TestBot bot, String text) {
        user.client().sendMessage(Peers.user(bot.user()), text).join();
    }

    private static List<String> texts(JsonNode updates) {
        List<String> out = new ArrayList<>();
        updates.forEach(u -> out.add(u.path("message").path("text").asText()));
        return out;
    }

    private static long pending(TestBot bot) {
        return bot.api().call("getWebhookInfo").result().get("pending_update_count").asLong();
    }

    private static long after(JsonNode updates) {
        return updates.get(updates.size() - 1).get("update_id").asLong() + 1;
    }

    @Test
    void updatesPastTheUsersBoxBoundAllArriveInOrderPageByPage() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "keep");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < BOUND + 5; i++) {
            sent.add("m" + i);
            say(alice, bot, "m" + i);
        }
        JsonNode all = bot.api().call("getUpdates").result();
        assertThat(texts(all)).containsExactlyElementsOf(sent);
        assertThat(pending(bot)).isEqualTo(BOUND + 5);
        List<String> paged = new ArrayList<>();
        long offset = 0;
        for (int page = 0; page < 3; page++) {
            JsonNode got =
                    bot.api().call("getUpdates", Map.of("offset", offset, "limit", 5)).result();
            assertThat(got).hasSize(5);
            paged.addAll(texts(got));
            offset = after(got);
        }
        assertThat(paged).containsExactlyElementsOf(sent);
        assertThat(bot.api().call("getUpdates", Map.of("offset", offset)).result()).isEmpty();
    }

    @Test
    void updatesOlderThan24HoursAreNotDeliveredNorCounted() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "ages");
        say(alice, bot, "old 1");
        say(alice, bot, "old 2");
        clock.advance(Duration.ofHours(23));
        say(alice, bot, "kept");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        say(alice, bot, "new");

        assertThat(pending(bot)).isEqualTo(2);
        JsonNode got = bot.api().call("getUpdates").result();
        assertThat(texts(got)).containsExactly("kept", "new");
        assertThat(bot.api().call("getUpdates", Map.of("offset", after(got))).result()).isEmpty();
        assertThat(pending(bot)).isZero();
    }
}
