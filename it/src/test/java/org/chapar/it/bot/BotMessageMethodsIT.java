package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotCalls.ok;
import static org.chapar.it.bot.BotCalls.refused;
import static org.chapar.it.bot.BotCalls.seenBy;
import static org.chapar.it.bot.BotCalls.started;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.protocol.Message;
import org.chapar.protocol.MessageEntity;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message methods over HTTP, each in a different body encoding: sendMessage's reply, formatting
 * and keyboard options as a user's client sees them, editMessageText, copy, forward, delete and
 * sendChatAction, with Telegram's errors.
 */
class BotMessageMethodsIT {
    private static final String NOT_MODIFIED =
            "Bad Request: message is not modified: specified new message content and reply markup"
                    + " are exactly the same as a current content and reply markup of the message";

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void sendMessageRepliesByTheLegacyIdAndTakesLegacyMarkdownAndTheBotsOwnEntities() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "writer");
        long start = started(alice, bot);
        BotHttp api = bot.api().patient(); // five sends: more than the per-chat burst

        JsonNode reply =
                ok(
                        api.call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "text",
                                        "see https://example.org",
                                        "reply_to_message_id",
                                        start,
                                        "disable_web_page_preview",
                                        true,
                                        "link_preview_options",
                                        Map.of("is_disabled", true)),
                                Encoding.QUERY));
        assertThat(reply.get("reply_to_message").get("message_id").asLong()).isEqualTo(start);
        assertThat(seenBy(alice, "see https://example.org").getReplyToId()).isEqualTo(start);
        refused(
                api.call(
                        "sendMessage",
                        Map.of("chat_id", alice.id(), "text", "x", "reply_to_message_id", 99_999),
                        Encoding.QUERY),
                "Bad Request: message to be replied not found");

        JsonNode md =
                ok(
                        api.call(
                                "sendMessage",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "text", "*bold* _it_ `code` [site](https://example.org)",
                                        "parse_mode", "Markdown"),
                                Encoding.FORM));
        assertThat(md.get("text").asText()).isEqualTo("bold it code site");
        assertThat(md.get("entities").findValuesAsText("type"))
                .containsExactly("bold", "italic", "code", "text_link");
        assertThat(md.get("entities").get(3).get("offset").asInt()).isEqualTo(13);
        assertThat(md.get("entities").get(3).get("url").asText()).isEqualTo("https://example.org");
        List<MessageEntity> shown = seenBy(alice, "bold it code site").getEntitiesList();
        assertThat(shown)
                .extracting(MessageEntity::getType)
                .containsExactly("bold", "italic", "code", "text_link");

        List<Map<String, Object>> entities =
                List.of(
                        Map.of("type", "underline", "offset", 6, "length", 5),
                        Map.of(
                                "type",
                                "text_mention",
                                "offset",
                                0,
                                "length",
                                5,
                                "user",
                                Map.of("id", alice.id())));
        JsonNode own =
                ok(
                        api.call(
                                "sendMessage",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "text",
                                        "hello world",
                                        "entities",
                                        entities),
                                Encoding.MULTIPART));
        assertThat(own.get("entities").findValuesAsText("type"))
                .containsExactlyInAnyOrder("underline", "text_mention");
        Message mine = seenBy(alice, "hello world");
        assertThat(mine.getEntitiesList())
                .anySatisfy(
                        e -> {
                            assertThat(e.getType()).isEqualTo("underline");
                            assertThat(e.getOffset()).isEqualTo(6);
                            assertThat(e.getLength()).isEqualTo(5);
                        });
        refused(
                api.call(
                        "sendMessage",
                        Map.of(
                                "chat_id", alice.id(),
                                "text", "short",
                                "entities",
                                        List.of(Map.of("type", "bold", "offset", 3, "length", 9))),
                        Encoding.MULTIPART),
                "Bad Request: can't parse entities: wrong entity bounds");
    }

    @Test
    void removeKeyboardAndForceReplyReachTheUsersClient() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "asker");
        started(alice, bot);
        ok(
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "text", "keyboard gone",
                                        "reply_markup",
                                                Map.of("remove_keyboard", true, "selective", true)),
                                Encoding.JSON));
        Message removed = seenBy(alice, "keyboard gone");
        assertThat(removed.getReplyMarkup().getRemoveKeyboard()).isTrue();
        assertThat(removed.getReplyMarkup().getSelective()).isTrue();
        assertThat(removed.getReplyMarkup().getKeyboardRowsList()).isEmpty();

        JsonNode asked =
                ok(
                        bot.api()
                                .call(
                                        "sendMessage",
                                        Map.of(
                                                "chat_id", alice.id(),
                                                "text", "your name?",
                                                "reply_markup",
                                                        Map.of(
                                                                "force_reply",
                                                                true,
                                                                "input_field_placeholder",
                                                                "Name")),
                                        Encoding.FORM));
        assertThat(asked.has("reply_markup")).as("only inline keyboards are echoed").isFalse();
        Message force = seenBy(alice, "your name?");
        assertThat(force.getReplyMarkup().getForceReply()).isTrue();
        assertThat(force.getReplyMarkup().getInputFieldPlaceholder()).isEqualTo("Name");
    }

    @Test
    void editMessageTextFormatsTheNewTextAndRefusesAnUnchangedOrMissingMessage() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "editor");
        started(alice, bot);
        long id =
                ok(bot.api().call("sendMessage", Map.of("chat_id", alice.id(), "text", "draft")))
                        .get("message_id")
                        .asLong();
        Map<String, Object> edit =
                Map.of(
                        "chat_id",
                        alice.id(),
                        "message_id",
                        id,
                        "text",
                        "<b>final</b> text",
                        "parse_mode",
                        "HTML");
        JsonNode edited = ok(bot.api().call("editMessageText", edit, Encoding.FORM));
        assertThat(edited.get("text").asText()).isEqualTo("final text");
        assertThat(edited.get("entities").get(0).get("type").asText()).isEqualTo("bold");
        assertThat(edited.get("entities").get(0).get("length").asInt()).isEqualTo(5);
        assertThat(edited.get("edit_date").asLong()).isPositive();
        Message seen =
                alice.updates().awaitOne(Update::hasEditedMessage).getEditedMessage().getMessage();
        assertThat(seen.getText()).isEqualTo("final text");
        assertThat(seen.getEntities(0).getType()).isEqualTo("bold");

        refused(bot.api().call("editMessageText", edit, Encoding.MULTIPART), NOT_MODIFIED);
        refused(
                bot.api()
                        .call(
                                "editMessageText",
                                Map.of("chat_id", alice.id(), "message_id", 99_999, "text", "x"),
                                Encoding.QUERY),
                "Bad Request: message to edit not found");
    }

    @Test
    void everyTelegramChatActionShowsAsTheSameActivityAndAnUnknownOneIsRefused() {
        TestUser alice = server.newUser("alice");
        Map<String, TypingAction> actions = new LinkedHashMap<>();
        actions.put("typing", TypingAction.TYPING);
        actions.put("upload_photo", TypingAction.UPLOADING_PHOTO);
        actions.put("record_video", TypingAction.RECORDING_VIDEO);
        actions.put("upload_video", TypingAction.UPLOADING_VIDEO);
        actions.put("record_voice", TypingAction.RECORDING_VOICE);
        actions.put("upload_voice", TypingAction.UPLOADING_VOICE);
        actions.put("upload_document", TypingAction.UPLOADING_DOCUMENT);
        actions.put("choose_sticker", TypingAction.CHOOSING_STICKER);
        actions.put("find_location", TypingAction.CHOOSING_LOCATION);
        actions.put("record_video_note", TypingAction.RECORDING_VIDEO_NOTE);
        actions.put("upload_video_note", TypingAction.UPLOADING_VIDEO_NOTE);
        List<String> names = List.copyOf(actions.keySet());
        // two bots: a user's typing notices to one person are limited to 10 a minute
        for (int half = 0; half < 2; half++) {
            TestBot bot = server.newBot(alice, "busy" + half);
            started(alice, bot);
            List<String> mine = names.subList(half * 6, Math.min(names.size(), half * 6 + 6));
            for (String action : mine) {
                Encoding e = action.startsWith("upload") ? Encoding.MULTIPART : Encoding.QUERY;
                BotHttp.Reply r =
                        bot.api()
                                .call(
                                        "sendChatAction",
                                        Map.of("chat_id", alice.id(), "action", action),
                                        e);
                assertThat(ok(r).asBoolean()).as(action).isTrue();
            }
            List<Update> shown =
                    alice.updates()
                            .await(
                                    u ->
                                            u.hasUserTyping()
                                                    && u.getUserTyping().getUserId() == bot.id(),
                                    mine.size(),
                                    Duration.ofSeconds(10));
            assertThat(shown)
                    .extracting(u -> u.getUserTyping().getAction())
                    .containsExactlyElementsOf(mine.stream().map(actions::get).toList());
            refused(
                    bot.api()
                            .call(
                                    "sendChatAction",
                                    Map.of("chat_id", alice.id(), "action", "dancing"),
                                    Encoding.FORM),
                    "Bad Request: wrong parameter action in request");
        }
    }
}
