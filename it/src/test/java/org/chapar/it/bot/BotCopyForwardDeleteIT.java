package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotCalls.chatId;
import static org.chapar.it.bot.BotCalls.ok;
import static org.chapar.it.bot.BotCalls.refused;
import static org.chapar.it.bot.BotCalls.started;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * copyMessage, forwardMessage, deleteMessage and deleteMessages over HTTP, in several body
 * encodings, as the shared rules allow and refuse them and as a user's client sees the result.
 */
class BotCopyForwardDeleteIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void copyKeepsTheTextsEntitiesAndTakesAKeyboardWhileForwardKeepsTheAuthor() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "copier");
        started(alice, bot);
        long group =
                new ChatRequests(alice.client())
                        .createChat(ChatKind.SUPERGROUP, "Desk", "", List.of(bot.user()))
                        .join()
                        .getChat()
                        .getId();
        long groupId = chatId(group);
        long source =
                ok(bot.api()
                                .call(
                                        "sendMessage",
                                        Map.of(
                                                "chat_id",
                                                alice.id(),
                                                "text",
                                                "<i>fine</i> print",
                                                "parse_mode",
                                                "HTML")))
                        .get("message_id")
                        .asLong();
        Map<String, Object> keyboard =
                Map.of(
                        "inline_keyboard",
                        List.of(List.of(Map.of("text", "More", "callback_data", "more"))));
        JsonNode copy =
                ok(
                        bot.api()
                                .call(
                                        "copyMessage",
                                        Map.of(
                                                "chat_id", groupId,
                                                "from_chat_id", alice.id(),
                                                "message_id", source,
                                                "reply_markup", keyboard),
                                        Encoding.MULTIPART));
        assertThat(copy.fieldNames()).toIterable().containsExactly("message_id");
        Message copied =
                alice.updates()
                        .awaitOne(
                                u ->
                                        newMessage("fine print").test(u)
                                                && u.getNewMessage()
                                                        .getMessage()
                                                        .getPeer()
                                                        .hasChatId())
                        .getNewMessage()
                        .getMessage();
        assertThat(copied.getFromId()).isEqualTo(bot.id());
        assertThat(copied.hasFwdFrom()).as("a copy has no forward header").isFalse();
        assertThat(copied.getEntities(0).getType()).isEqualTo("italic");
        assertThat(copied.getEntities(0).getLength()).isEqualTo(4);
        assertThat(copied.getReplyMarkup().getInlineRows(0).getButtons(0).getCallbackData())
                .isEqualTo("more");

        long said =
                alice.client()
                        .sendMessage(Peers.user(bot.user()), "forward me")
                        .join()
                        .getMessage()
                        .getId();
        JsonNode fwd =
                ok(
                        bot.api()
                                .call(
                                        "forwardMessage",
                                        Map.of(
                                                "chat_id",
                                                groupId,
                                                "from_chat_id",
                                                alice.id(),
                                                "message_id",
                                                said),
                                        Encoding.JSON));
        assertThat(fwd.get("chat").get("id").asLong()).isEqualTo(groupId);
        assertThat(fwd.get("forward_origin").get("type").asText()).isEqualTo("user");
        assertThat(fwd.get("forward_origin").get("sender_user").get("id").asLong())
                .isEqualTo(alice.id());
        refused(
                bot.api()
                        .call(
                                "forwardMessage",
                                Map.of(
                                        "chat_id",
                                        groupId,
                                        "from_chat_id",
                                        alice.id(),
                                        "message_id",
                                        99_999),
                                Encoding.FORM),
                "Bad Request: message to forward not found");
    }

    @Test
    void anAdminBotDeletesMessagesAndAMemberBotMayDeleteOnlyItsOwn() {
        TestUser owner = server.newUser("owner");
        TestBot admin = server.newBot(owner, "janitor");
        TestBot member = server.newBot(owner, "guest");
        ChatRequests chats = new ChatRequests(owner.client());
        long group =
                chats.createChat(
                                ChatKind.SUPERGROUP,
                                "Tidy",
                                "",
                                List.of(admin.user(), member.user()))
                        .join()
                        .getChat()
                        .getId();
        chats.editAdmin(group, admin.id(), AdminRights.newBuilder().setDeleteMessages(true).build())
                .join();
        long chat = chatId(group);
        long[] said = new long[3];
        for (int i = 0; i < said.length; i++) {
            said[i] =
                    owner.client()
                            .sendMessage(Peers.chat(group), "m" + i)
                            .join()
                            .getMessage()
                            .getId();
        }
        long own =
                ok(member.api().call("sendMessage", Map.of("chat_id", chat, "text", "mine")))
                        .get("message_id")
                        .asLong();

        refused(
                member.api()
                        .call(
                                "deleteMessage",
                                Map.of("chat_id", chat, "message_id", said[0]),
                                Encoding.FORM),
                "Bad Request: message can't be deleted");
        assertThat(
                        ok(member.api()
                                        .call(
                                                "deleteMessage",
                                                Map.of("chat_id", chat, "message_id", own),
                                                Encoding.FORM))
                                .asBoolean())
                .isTrue();
        assertThat(
                        ok(admin.api()
                                        .call(
                                                "deleteMessage",
                                                Map.of("chat_id", chat, "message_id", said[0]),
                                                Encoding.QUERY))
                                .asBoolean())
                .isTrue();
        refused(
                admin.api()
                        .call(
                                "deleteMessage",
                                Map.of("chat_id", chat, "message_id", said[0]),
                                Encoding.QUERY),
                "Bad Request: message to delete not found");
        assertThat(
                        ok(admin.api()
                                        .call(
                                                "deleteMessages",
                                                Map.of(
                                                        "chat_id",
                                                        chat,
                                                        "message_ids",
                                                        List.of(said[1], said[2])),
                                                Encoding.MULTIPART))
                                .asBoolean())
                .isTrue();
        assertThat(owner.client().getHistory(Peers.chat(group), 0, 10).join().getMessagesList())
                .extracting(Message::getText)
                .doesNotContain("m0", "m1", "m2", "mine");
        refused(
                admin.api()
                        .call(
                                "deleteMessages",
                                Map.of("chat_id", chat, "message_ids", List.of()),
                                Encoding.JSON),
                "Bad Request: message_ids must be an Array of 1-100 Integers");
    }
}
