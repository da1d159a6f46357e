package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bots in channels and supergroups: an admin bot receives channel posts as the channel's (with
 * sender_chat, without the admin who wrote them) and posts as the channel.
 */
class BotChannelIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final AdminRights POSTER =
            AdminRights.newBuilder().setPostMessages(true).setEditMessages(true).build();

    @Test
    void anAdminBotGetsChannelPostsWithNoTraceOfTheAdminAndPostsAsTheChannel() throws Exception {
        TestUser zelda = server.newUser("zelda");
        TestUser reader = server.newUser("reader");
        TestBot bot = server.newBot(zelda, "news");
        List<String> everything = new ArrayList<>();
        ChatRequests chats = new ChatRequests(zelda.client());
        long channel =
                chats.createChat(ChatKind.CHANNEL, "Daily Courier", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(channel, List.of(bot.user(), reader.user())).join();
        chats.editAdmin(channel, bot.id(), POSTER).join();
        new ChatRequests(reader.client()).getChat(channel).join();
        // its own membership names the admin only once the bot is an admin (docs/adr/0028)
        JsonNode own = poll(bot, new ArrayList<>(), 0);
        assertThat(own).hasSize(2);
        assertThat(own.get(0).get("my_chat_member").get("from").get("username").asText())
                .isEqualTo("GroupAnonymousBot");
        assertThat(own.get(1).get("my_chat_member").get("from").get("id").asLong())
                .isEqualTo(zelda.id());

        zelda.client().sendMessage(Peers.chat(channel), "first story").join();
        JsonNode updates = poll(bot, everything, own.get(1).get("update_id").asLong() + 1);
        assertThat(updates).hasSize(1);
        JsonNode post = updates.get(0).get("channel_post");
        assertThat(post.get("text").asText()).isEqualTo("first story");
        assertThat(post.has("from")).isFalse();
        long apiId = post.get("chat").get("id").asLong();
        assertThat(apiId).isEqualTo(-1_000_000_000_000L - channel);
        assertThat(post.get("chat").get("type").asText()).isEqualTo("channel");
        assertThat(post.get("sender_chat").get("id").asLong()).isEqualTo(apiId);
        long next = updates.get(0).get("update_id").asLong() + 1;

        zelda.client()
                .editMessage(Peers.chat(channel), post.get("message_id").asLong(), "first story!")
                .join();
        JsonNode edits = poll(bot, everything, next);
        assertThat(edits.get(0).get("edited_channel_post").get("text").asText())
                .isEqualTo("first story!");
        next = edits.get(0).get("update_id").asLong() + 1;

        BotHttp.Reply sent =
                bot.api().call("sendMessage", Map.of("chat_id", apiId, "text", "bot's bulletin"));
        everything.add(sent.body().toString());
        assertThat(sent.ok()).as(sent.body().toString()).isTrue();
        assertThat(sent.result().get("sender_chat").get("id").asLong()).isEqualTo(apiId);
        Message got =
                reader.updates()
                        .awaitOne(UpdateRecorder.newMessage("bot's bulletin"))
                        .getNewMessage()
                        .getMessage();
        assertThat(got.getFromId()).isZero();
        assertThat(got.getPost()).isTrue();
        // the bot does not get its own post back
        assertThat(poll(bot, everything, next)).isEmpty();

        String all = String.join("\n", everything);
        assertThat(all).doesNotContain(zelda.username());
        assertThat(all).doesNotContain("zelda");
        // ids: no field that names an account or chat holds the admin's id
        for (String body : everything) {
            assertThat(ids(BotHttp.JSON.readTree(body))).doesNotContain(zelda.id());
        }
    }

    @Test
    void anAnonymousAdminsGroupMessagesReachTheBotAsTheGroupsWithNoTraceOfTheAdmin()
            throws Exception {
        TestUser owner = server.newUser("owner");
        TestUser ghost = server.newUser("ghost");
        TestBot bot = server.newBot(owner, "helper");
        ChatRequests chats = new ChatRequests(owner.client());
        long group =
                chats.createChat(ChatKind.SUPERGROUP, "Quiet room", "", List.of(ghost.user()))
                        .join()
                        .getChat()
                        .getId();
        chats.editAdmin(group, ghost.id(), AdminRights.newBuilder().setAnonymous(true).build())
                .join();
        chats.addMembers(group, List.of(bot.user())).join();
        long apiId = -1_000_000_000_000L - group;
        List<String> everything = new ArrayList<>();

        long said =
                ghost.client()
                        .sendMessage(Peers.chat(group), "a word from nobody")
                        .join()
                        .getMessage()
                        .getId();
        JsonNode updates = poll(bot, everything, 0);
        JsonNode m = updates.findValue("message");
        assertThat(m.get("text").asText()).isEqualTo("a word from nobody");
        assertThat(m.get("sender_chat").get("id").asLong()).isEqualTo(apiId);
        assertThat(m.get("sender_chat").get("title").asText()).isEqualTo("Quiet room");
        assertThat(m.get("from").get("username").asText()).isEqualTo("GroupAnonymousBot");
        long next = updates.get(updates.size() - 1).get("update_id").asLong() + 1;

        ghost.client().editMessage(Peers.chat(group), said, "a word from nobody, edited").join();
        JsonNode edits = poll(bot, everything, next);
        JsonNode edited = edits.get(0).get("edited_message");
        assertThat(edited.get("text").asText()).isEqualTo("a word from nobody, edited");
        assertThat(edited.get("sender_chat").get("id").asLong()).isEqualTo(apiId);
        assertThat(edited.get("from").get("username").asText()).isEqualTo("GroupAnonymousBot");
        next = edits.get(0).get("update_id").asLong() + 1;

        // the bot answers it, and the answer (which quotes the message replied to) says no more
        BotHttp.Reply reply =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        apiId,
                                        "text",
                                        "noted",
                                        "reply_parameters",
                                        Map.of("message_id", said)));
        everything.add(reply.body().toString());
        assertThat(reply.result().get("reply_to_message").get("message_id").asLong())
                .isEqualTo(said);
        BotHttp.Reply member =
                bot.api().call("getChatMember", Map.of("chat_id", apiId, "user_id", bot.id()));
        everything.add(member.body().toString());
        assertThat(poll(bot, everything, next)).isEmpty();

        String all = String.join("\n", everything);
        assertThat(all).doesNotContain(ghost.username());
        assertThat(all).doesNotContain("ghost");
        assertThat(all).doesNotContain(ghost.user().getDisplayName());
        for (String body : everything) {
            assertThat(ids(BotHttp.JSON.readTree(body))).doesNotContain(ghost.id());
        }
    }

    /** Every number under a key that names something ("id", "user_id", ...), not counters. */
    private static List<Long> ids(JsonNode n) {
        List<Long> out = new ArrayList<>();
        n.fields()
                .forEachRemaining(
                        e -> {
                            String k = e.getKey();
                            if (e.getValue().isNumber()
                                    && (k.equals("id") || k.endsWith("user_id"))) {
                                out.add(e.getValue().asLong());
                            }
                            out.addAll(ids(e.getValue()));
                        });
        n.elements()
                .forEachRemaining(
                        c -> {
                            if (!n.isObject()) out.addAll(ids(c));
                        });
        return out;
    }

    @Test
    void aBotThatIsOnlyAMemberOfAChannelGetsNoPostsButAMemberBotOfASupergroupGetsMessages() {
        TestUser owner = server.newUser("owner");
        TestBot quiet = server.newBot(owner, "quiet");
        ChatRequests chats = new ChatRequests(owner.client());
        long channel =
                chats.createChat(ChatKind.CHANNEL, "Quiet channel", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(channel, List.of(quiet.user())).join();
        owner.client().sendMessage(Peers.chat(channel), "not for bots").join();

        long group =
                chats.createChat(ChatKind.SUPERGROUP, "Helpers", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(group, List.of(quiet.user())).join();
        owner.client().sendMessage(Peers.chat(group), "hello helpers").join();
        JsonNode updates =
                quiet.api()
                        .call(
                                "getUpdates",
                                Map.of("allowed_updates", List.of("message", "channel_post")))
                        .result();
        assertThat(updates).hasSize(1);
        JsonNode m = updates.get(0).get("message");
        assertThat(m.get("text").asText()).isEqualTo("hello helpers");
        assertThat(m.get("chat").get("type").asText()).isEqualTo("supergroup");
        assertThat(m.get("from").get("id").asLong()).isEqualTo(owner.id());
    }

    private static JsonNode poll(TestBot bot, List<String> everything, long offset) {
        BotHttp.Reply r = bot.api().call("getUpdates", Map.of("offset", offset, "timeout", 1));
        everything.add(r.body().toString());
        assertThat(r.ok()).isTrue();
        return r.result();
    }
}
