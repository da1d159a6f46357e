package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bot's update queue as Telegram keeps it (docs/adr/0015-bot-api.md): every update it has not
 * confirmed, in order, however many, for 24 hours; getWebhookInfo counts them exactly and takes
 * nothing away.
 */
class BotUpdateQueueIT {
    private static final int BOUND = 10;
    private static final TestClock clock = TestClock.now();

    /** Users' boxes are bounded at 10 events here; a bot's queue is not. */
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withTooLongBound(BOUND).withClock(clock));

    private static final List<String> WITH_MEMBERS =
            List.of("message", "my_chat_member", "chat_member");

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

    @Test
    void pendingUpdateCountIsExactPastOneHundredAndLeavesOutTheBotsOwnMessages() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestBot bot = server.newBot(alice, "count");
        for (int i = 0; i < 60; i++) {
            say(alice, bot, "a" + i);
            say(bob, bot, "b" + i);
        }
        for (int i = 0; i < 3; i++) {
            // the bot's own messages are in its box but are not updates
            BotHttp.Reply r =
                    bot.api().call("sendMessage", Map.of("chat_id", alice.id(), "text", "r" + i));
            assertThat(r.ok()).as(r.body().toString()).isTrue();
        }
        assertThat(pending(bot)).isEqualTo(120);
        assertThat(pending(bot)).as("counting confirms nothing").isEqualTo(120);

        JsonNode first = bot.api().call("getUpdates", Map.of("limit", 100)).result();
        assertThat(first).hasSize(100);
        JsonNode rest = bot.api().call("getUpdates", Map.of("offset", after(first))).result();
        assertThat(rest).hasSize(20);
        assertThat(pending(bot)).isEqualTo(20);
        bot.api().call("getUpdates", Map.of("offset", after(rest)));
        assertThat(pending(bot)).isZero();
    }

    /** A supergroup of the owner's with the bot as an admin, getUpdates set to the given kinds. */
    private static long supergroupWithAdminBot(TestBot bot, List<String> kinds) {
        ChatRequests chats = new ChatRequests(bot.owner().client());
        long chat =
                chats.createChat(ChatKind.SUPERGROUP, "Queue", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(chat, List.of(bot.user())).join();
        chats.editAdmin(chat, bot.id(), AdminRights.newBuilder().setBanUsers(true).build()).join();
        Map<String, Object> params = new HashMap<>(Map.of("allowed_updates", kinds));
        JsonNode mine = bot.api().call("getUpdates", params).result();
        params.put("offset", after(mine));
        assertThat(bot.api().call("getUpdates", params).result()).isEmpty();
        return chat;
    }

    @Test
    void getWebhookInfoOfAPollingBotCountsWithItsKindsAndLosesNothing() {
        TestUser owner = server.newUser("owner");
        TestUser carol = server.newUser("carol");
        TestBot bot = server.newBot(owner, "asks");
        long chat = supergroupWithAdminBot(bot, WITH_MEMBERS);

        new ChatRequests(owner.client()).addMembers(chat, List.of(carol.user())).join();
        assertThat(pending(bot)).as("chat_member is one of the bot's kinds").isEqualTo(1);
        assertThat(pending(bot)).isEqualTo(1);

        JsonNode got = bot.api().call("getUpdates").result();
        assertThat(got).hasSize(1);
        assertThat(
                        got.get(0)
                                .path("chat_member")
                                .path("new_chat_member")
                                .path("user")
                                .path("id")
                                .asLong())
                .isEqualTo(carol.id());
    }

    @Test
    void getWebhookInfoOfABotWithTheDefaultKindsLeavesOtherKindsQueued() {
        TestUser owner = server.newUser("owner");
        TestUser carol = server.newUser("carol");
        TestBot bot = server.newBot(owner, "plain");
        long chat = supergroupWithAdminBot(bot, List.of());

        new ChatRequests(owner.client()).addMembers(chat, List.of(carol.user())).join();
        assertThat(pending(bot)).as("chat_member is not in Telegram's default set").isZero();

        // still there for the bot that now asks for it: reading the count passed nothing over
        JsonNode got =
                bot.api().call("getUpdates", Map.of("allowed_updates", WITH_MEMBERS)).result();
        assertThat(got).hasSize(1);
        assertThat(got.get(0).has("chat_member")).isTrue();
    }
}
