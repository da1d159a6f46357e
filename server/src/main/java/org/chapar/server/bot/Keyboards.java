package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.KeyboardRow;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageEntity;
import org.chapar.protocol.ReplyMarkup;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Telegram's reply_markup (InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove,
 * ForceReply) and MessageEntity objects to and from the app protocol's ReplyMarkup and
 * MessageEntity, so that users' clients show the same formatting and buttons.
 */
final class Keyboards {
    private static final int MAX_CALLBACK_DATA = 64;

    private Keyboards() {}

    static ReplyMarkup markup(JsonNode j, long botId) {
        if (!j.isObject()) {
            throw BotError.badRequest("can't parse reply keyboard markup JSON object");
        }
        ReplyMarkup.Builder b = ReplyMarkup.newBuilder();
        if (j.has("inline_keyboard")) {
            for (JsonNode row : rows(j.get("inline_keyboard"))) {
                KeyboardRow.Builder r = KeyboardRow.newBuilder();
                for (JsonNode button : row) {
                    r.addButtons(inlineButton(button));
                }
                b.addInlineRows(r);
            }
        } else if (j.has("keyboard")) {
            for (JsonNode row : rows(j.get("keyboard"))) {
                KeyboardRow.Builder r = KeyboardRow.newBuilder();
                for (JsonNode button : row) {
                    String text =
                            button.isTextual() ? button.asText() : button.path("text").asText("");
                    if (text.isEmpty()) {
                        throw BotError.badRequest("keyboard button text must be non-empty");
                    }
                    r.addButtons(KeyboardButton.newBuilder().setText(text));
                }
                b.addKeyboardRows(r);
            }
            b.setResizeKeyboard(j.path("resize_keyboard").asBoolean(false))
                    .setOneTimeKeyboard(j.path("one_time_keyboard").asBoolean(false))
                    .setIsPersistent(j.path("is_persistent").asBoolean(false));
        } else if (j.path("remove_keyboard").asBoolean(false)) {
            b.setRemoveKeyboard(true);
        } else if (j.path("force_reply").asBoolean(false)) {
            b.setForceReply(true);
        } else {
            throw BotError.badRequest("can't parse reply keyboard markup JSON object");
        }
        return b.setInputFieldPlaceholder(j.path("input_field_placeholder").asText(""))
                .setSelective(j.path("selective").asBoolean(false))
                .setBotId(botId)
                .build();
    }

    private static JsonNode rows(JsonNode rows) {
        if (!rows.isArray()) {
            throw BotError.badRequest(
                    "field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
        }
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotError.badRequest("keyboard rows must be Arrays");
            }
        }
        return rows;
    }

    private static KeyboardButton inlineButton(JsonNode button) {
        String text = button.path("text").asText("");
        if (text.isEmpty()) {
            throw BotError.badRequest("text buttons are unallowed in the inline keyboard");
        }
        KeyboardButton.Builder k = KeyboardButton.newBuilder().setText(text);
        if (button.has("callback_data")) {
            String data = button.get("callback_data").asText();
            if (data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA
                    || data.isEmpty()) {
                throw BotError.badRequest("BUTTON_DATA_INVALID");
            }
            k.setCallbackData(data);
        } else if (button.has("url")) {
            k.setUrl(button.get("url").asText());
        } else if (button.has("switch_inline_query")) {
            k.setSwitchInlineQuery(button.get("switch_inline_query").asText());
        } else {
            throw BotError.badRequest("text buttons are unallowed in the inline keyboard");
        }
        return k.build();
    }

    static List<MessageEntity> entities(ArrayNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .map(
                        e ->
                                MessageEntity.newBuilder()
                                        .setType(e.path("type").asText())
                                        .setOffset(e.path("offset").asInt())
                                        .setLength(e.path("length").asInt())
                                        .setUrl(e.path("url").asText(""))
                                        .setUserId(e.path("user").path("id").asLong(0))
                                        .setLanguage(e.path("language").asText(""))
                                        .build())
                .toList();
    }

    /**
     * The entities and the inline keyboard of a message, as Telegram's Message carries them, with
     * the bot commands in its text marked as Telegram marks them.
     */
    static void render(Message m, ObjectNode out) {
        List<MessageEntity> entities = CommandEntities.with(m.getText(), m.getEntitiesList());
        if (!entities.isEmpty()) {
            ArrayNode list = out.putArray("entities");
            for (MessageEntity e : entities) {
                ObjectNode o =
                        list.addObject()
                                .put("type", e.getType())
                                .put("offset", e.getOffset())
                                .put("length", e.getLength());
                if (!e.getUrl().isEmpty()) {
                    o.put("url", e.getUrl());
                }
                if (e.getUserId() != 0) {
                    o.putObject("user")
                            .put("id", e.getUserId())
                            .put("is_bot", false)
                            .put("first_name", "");
                }
                if (!e.getLanguage().isEmpty()) {
                    o.put("language", e.getLanguage());
                }
            }
        }
        if (m.hasReplyMarkup() && m.getReplyMarkup().getInlineRowsCount() > 0) {
            ArrayNode rows = out.putObject("reply_markup").putArray("inline_keyboard");
            for (KeyboardRow row : m.getReplyMarkup().getInlineRowsList()) {
                ArrayNode r = rows.addArray();
                for (KeyboardButton k : row.getButtonsList()) {
                    ObjectNode o = r.addObject().put("text", k.getText());
                    if (!k.getCallbackData().isEmpty()) {
                        o.put("callback_data", k.getCallbackData());
                    }
                    if (!k.getUrl().isEmpty()) {
                        o.put("url", k.getUrl());
                    }
                    if (!k.getSwitchInlineQuery().isEmpty()) {
                        o.put("switch_inline_query", k.getSwitchInlineQuery());
                    }
                }
            }
        }
    }
}
