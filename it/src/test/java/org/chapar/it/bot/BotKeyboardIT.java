package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.BotRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageEntity;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Formatting and buttons: what a bot sends, users' clients show; a press reaches the bot. */
class BotKeyboardIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final Map<String, Object> KEYBOARD =
            Map.of(
                    "inline_keyboard",
                    List.of(
                            List.of(
                                    Map.of("text", "Yes", "callback_data", "vote:yes"),
                                    Map.of("text", "No", "callback_data", "vote:no")),
                            List.of(Map.of("text", "Site", "url", "https://example.org/"))));

    @Test
    void anInlineKeyboardIsShownAndAPressFromTheSdkReachesTheBotAndItsAnswerTheUser()
            throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "vote");
        alice.client().sendMessage(Peers.user(bot.user()), "/start").join();

        BotHttp.Reply sent =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "text",
                                        "<b>Vote</b> now &amp; <a href=\"https://example.org/\">see</a>",
                                        "parse_mode",
                                        "HTML",
                                        "reply_markup",
                                        KEYBOARD),
                                Encoding.MULTIPART);
        assertThat(sent.ok()).as(sent.body().toString()).isTrue();
        JsonNode result = sent.result();
        assertThat(result.get("text").asText()).isEqualTo("Vote now & see");
        assertThat(result.get("entities").get(0).get("type").asText()).isEqualTo("bold");
        assertThat(result.get("entities").get(1).get("url").asText())
                .isEqualTo("https://example.org/");
        assertThat(
                        result.get("reply_markup")
                                .get("inline_keyboard")
                                .get(0)
                                .get(1)
                                .get("callback_data")
                                .asText())
                .isEqualTo("vote:no");

        Message shown =
                alice.updates()
                        .awaitOne(UpdateRecorder.newMessage("Vote now & see"))
                        .getNewMessage()
                        .getMessage();
        assertThat(shown.getEntitiesList())
                .extracting(
                        MessageEntity::getType, MessageEntity::getOffset, MessageEntity::getLength)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bold", 0, 4),
                        org.assertj.core.groups.Tuple.tuple("text_link", 11, 3));
        assertThat(shown.getReplyMarkup().getInlineRows(0).getButtons(0).getText())
                .isEqualTo("Yes");
        assertThat(shown.getReplyMarkup().getBotId()).isEqualTo(bot.id());

        long offset = lastUpdate(bot) + 1;
        CompletableFuture<CallbackAnswer> press =
                new BotRequests(alice.client())
                        .pressButton(Peers.user(bot.user()), shown.getId(), "vote:yes");
        BotHttp.Reply polled =
                bot.api().call("getUpdates", Map.of("offset", offset, "timeout", 10));
        JsonNode cq = polled.result().get(0).get("callback_query");
        assertThat(cq.get("data").asText()).isEqualTo("vote:yes");
        assertThat(cq.get("from").get("id").asLong()).isEqualTo(alice.id());
        assertThat(cq.get("message").get("message_id").asLong()).isEqualTo(shown.getId());
        BotHttp.Reply answered =
                bot.api()
                        .call(
                                "answerCallbackQuery",
                                Map.of(
                                        "callback_query_id",
                                        cq.get("id").asText(),
                                        "text",
                                        "Counted!"),
                                Encoding.FORM);
        assertThat(answered.result().asBoolean()).isTrue();
        CallbackAnswer answer = press.get(10, TimeUnit.SECONDS);
        assertThat(answer.getAnswered()).isTrue();
        assertThat(answer.getText()).isEqualTo("Counted!");

        // a query is answered once; an unknown one is refused as Telegram refuses it
        BotHttp.Reply again =
                bot.api()
                        .call(
                                "answerCallbackQuery",
                                Map.of("callback_query_id", cq.get("id").asText()));
        assertThat(again.description())
                .isEqualTo(
                        "Bad Request: query is too old and response timeout expired or query ID is invalid");

        // editMessageReplyMarkup swaps the buttons, the text stays
        BotHttp.Reply edited =
                bot.api()
                        .call(
                                "editMessageReplyMarkup",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "message_id", shown.getId(),
                                        "reply_markup",
                                                Map.of(
                                                        "inline_keyboard",
                                                        List.of(
                                                                List.of(
                                                                        Map.of(
                                                                                "text",
                                                                                "Thanks",
                                                                                "callback_data",
                                                                                "done"))))));
        assertThat(edited.ok()).as(edited.body().toString()).isTrue();
        assertThat(edited.result().get("text").asText()).isEqualTo("Vote now & see");
        assertThat(edited.result().get("reply_markup").toString()).contains("Thanks");
        Message afterEdit =
                alice.updates().awaitOne(u -> u.hasEditedMessage()).getEditedMessage().getMessage();
        assertThat(afterEdit.getReplyMarkup().getInlineRows(0).getButtons(0).getText())
                .isEqualTo("Thanks");

        // a message without a caption cannot have its caption edited
        BotHttp.Reply caption =
                bot.api()
                        .call(
                                "editMessageCaption",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "message_id",
                                        shown.getId(),
                                        "caption",
                                        "x"));
        assertThat(caption.status()).isEqualTo(400);
        assertThat(caption.description())
                .isEqualTo("Bad Request: there is no caption in the message to edit");
    }

    @Test
    void markdownV2AndBadMarkupAreParsedOrRefusedAsTelegramDoes() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "md");
        alice.client().sendMessage(Peers.user(bot.user()), "/start").join();
        BotHttp.Reply ok =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "text", "*bold* _it_ `code` \\. [link](https://x.org)",
                                        "parse_mode", "MarkdownV2"));
        assertThat(ok.result().get("text").asText()).isEqualTo("bold it code . link");
        assertThat(ok.result().get("entities").toString())
                .contains("\"bold\"", "\"italic\"", "\"code\"", "https://x.org");
        BotHttp.Reply reserved =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "text",
                                        "1.5",
                                        "parse_mode",
                                        "MarkdownV2"));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.description())
                .startsWith("Bad Request: can't parse entities: Character '.' is reserved");
        BotHttp.Reply badHtml =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "text",
                                        "<blink>x</blink>",
                                        "parse_mode",
                                        "HTML"));
        assertThat(badHtml.description())
                .startsWith("Bad Request: can't parse entities: unsupported start tag");
        BotHttp.Reply reply =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "text", "pick one",
                                        "reply_markup",
                                                Map.of(
                                                        "keyboard",
                                                        List.of(List.of("red", "blue")),
                                                        "one_time_keyboard",
                                                        true)),
                                Encoding.QUERY);
        assertThat(reply.ok()).isTrue();
        Message shown =
                alice.updates()
                        .awaitOne(UpdateRecorder.newMessage("pick one"))
                        .getNewMessage()
                        .getMessage();
        assertThat(shown.getReplyMarkup().getKeyboardRows(0).getButtons(1).getText())
                .isEqualTo("blue");
        assertThat(shown.getReplyMarkup().getOneTimeKeyboard()).isTrue();
    }

    private static long lastUpdate(TestBot bot) {
        JsonNode r = bot.api().call("getUpdates").result();
        return r.isEmpty() ? 0 : r.get(r.size() - 1).get("update_id").asLong();
    }
}
