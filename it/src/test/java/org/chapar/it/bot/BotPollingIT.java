package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotCalls.ok;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.ChatKind;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * getUpdates' limit, the edited_message update (and a message edited before the bot read it), one
 * poller at a time, and group messages.
 */
class BotPollingIT {
    private static final String CONFLICT =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance"
                    + " is running";

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static long say(TestUser user, TestBot bot, String text) {
        return user.client().sendMessage(Peers.user(bot.user()), text).join().getMessage().getId();
    }

    private static long lastId(JsonNode updates) {
        return updates.get(updates.size() - 1).get("update_id").asLong();
    }

    @Test
    void limitPagesTheQueueAndAUsersEditArrivesAsEditedMessage() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "pager");
        say(alice, bot, "/start");
        say(alice, bot, "one");
        long two = say(alice, bot, "two");

        JsonNode first = ok(bot.api().call("getUpdates", Map.of("limit", 2), Encoding.FORM));
        assertThat(first.findValuesAsText("text")).containsExactly("/start", "one");
        JsonNode second =
                ok(
                        bot.api()
                                .call(
                                        "getUpdates",
                                        Map.of("offset", lastId(first) + 1, "limit", 2),
                                        Encoding.QUERY));
        assertThat(second.findValuesAsText("text")).containsExactly("two");

        alice.client().editMessage(Peers.user(bot.user()), two, "two, edited").join();
        JsonNode edits =
                ok(
                        bot.api()
                                .call(
                                        "getUpdates",
                                        Map.of("offset", lastId(second) + 1, "timeout", 20),
                                        Encoding.JSON));
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).has("message")).isFalse();
        JsonNode edited = edits.get(0).get("edited_message");
        assertThat(edited.get("message_id").asLong()).isEqualTo(two);
        assertThat(edited.get("text").asText()).isEqualTo("two, edited");
        assertThat(edited.get("edit_date").asLong()).isPositive();
        assertThat(edited.get("from").get("id").asLong()).isEqualTo(alice.id());
    }

    /**
     * Chapar keeps no earlier version of a message (docs/adr/0015-bot-api.md): a message update
     * read after an edit shows the message as it is, with the edit_date that tells libraries so.
     */
    @Test
    void aMessageEditedBeforeTheBotReadsItArrivesAsItIsNowWithItsEditDateThenTheEdit() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "late");
        long id = say(alice, bot, "draft");
        alice.client().editMessage(Peers.user(bot.user()), id, "final").join();

        JsonNode updates = ok(bot.api().call("getUpdates", Map.of("timeout", 20)));
        assertThat(updates).hasSize(2);
        JsonNode message = updates.get(0).get("message");
        JsonNode edited = updates.get(1).get("edited_message");
        assertThat(message.get("message_id").asLong()).isEqualTo(id);
        assertThat(message.get("text").asText()).isEqualTo("final");
        assertThat(message.get("edit_date").asLong()).isPositive();
        assertThat(edited.get("message_id").asLong()).isEqualTo(id);
        assertThat(edited.get("text").asText()).isEqualTo("final");
        assertThat(edited.get("edit_date")).isEqualTo(message.get("edit_date"));
        assertThat(updates.toString()).doesNotContain("draft");
    }

    @Test
    void aMessageDeletedBeforeTheBotReadsItLeavesNothingOfAnyVersion() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "purged");
        long id = say(alice, bot, "first words");
        alice.client().editMessage(Peers.user(bot.user()), id, "second words").join();
        alice.client().deleteMessages(Peers.user(bot.user()), List.of(id), true).join();
        say(alice, bot, "sentinel");

        JsonNode updates = ok(bot.api().call("getUpdates", Map.of("timeout", 20)));
        assertThat(updates.findValuesAsText("text")).containsExactly("sentinel");
        assertThat(updates.toString()).doesNotContain("words");
    }

    @Test
    void aSecondGetUpdatesEndsTheWaitingOneWithTelegramsConflict() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "twice");
        CompletableFuture<BotHttp.Reply> waiting =
                CompletableFuture.supplyAsync(
                        () -> bot.api().call("getUpdates", Map.of("timeout", 40), Encoding.QUERY));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        BotHttp.Reply ended = null;
        while (ended == null && System.nanoTime() < deadline) {
            // answered at once; it ends the waiting poll if that one has reached the server (if
            // the waiting one arrives while this one reads, it ends this one instead)
            BotHttp.Reply other = bot.api().call("getUpdates", Map.of("timeout", 0));
            if (other.ok()) {
                assertThat(other.result()).isEmpty();
            } else {
                assertThat(other.description()).isEqualTo(CONFLICT);
            }
            try {
                ended = waiting.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // the first poll was not open yet: the second came before it
            }
        }
        assertThat(ended).isNotNull();
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.description()).isEqualTo(CONFLICT);
    }

    @Test
    void getMeSaysTheBotReadsAllGroupMessagesAndItDoes() {
        TestUser owner = server.newUser("owner");
        TestBot bot = server.newBot(owner, "reader");
        JsonNode me = ok(bot.api().call("getMe", Map.of(), Encoding.MULTIPART));
        assertThat(me.get("can_read_all_group_messages").asBoolean()).isTrue();
        long group =
                new ChatRequests(owner.client())
                        .createChat(ChatKind.GROUP, "Small", "", List.of(bot.user()))
                        .join()
                        .getChat()
                        .getId();
        owner.client().sendMessage(Peers.chat(group), "no command, no mention").join();
        JsonNode updates = ok(bot.api().call("getUpdates", Map.of("timeout", 20)));
        assertThat(updates.findValuesAsText("text")).contains("no command, no mention");
    }
}
