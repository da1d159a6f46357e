package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Locale;

/**
 * A text parameter with its formatting: {@code parse_mode} (HTML, MarkdownV2, Markdown) turned into
 * plain text plus Telegram MessageEntity objects (offsets and lengths in UTF-16 code units, as
 * Telegram counts them), or {@code entities} given as they are.
 */
record FormattedText(String text, ArrayNode entities) {

    static FormattedText of(BotParams p, String field, String modeField, String entitiesField) {
        String raw = p.requireString(field);
        String mode = p.string(modeField).orElse("");
        FormattedText out =
                switch (mode.toLowerCase(Locale.ROOT)) {
                    case "" -> plain(raw, p.json(entitiesField).orElse(null));
                    case "html" -> HtmlText.parse(raw);
                    case "markdownv2" -> MarkdownText.parse(raw, true);
                    case "markdown" -> MarkdownText.parse(raw, false);
                    default -> throw BotError.badRequest("unsupported parse_mode");
                };
        if (out.text().isBlank()) {
            throw BotError.badRequest("message text is empty");
        }
        return out;
    }

    private static FormattedText plain(String text, JsonNode entities) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (entities != null) {
            if (!entities.isArray()) {
                throw BotError.badRequest("can't parse entities: an Array is expected");
            }
            for (JsonNode e : entities) {
                long offset = e.path("offset").asLong(-1);
                long length = e.path("length").asLong(-1);
                if (!e.path("type").isTextual()
                        || offset < 0
                        || length <= 0
                        || offset + length > text.length()) {
                    throw BotError.badRequest("can't parse entities: wrong entity bounds");
                }
                list.add(e);
            }
        }
        return new FormattedText(text, list);
    }
}
