package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Telegram's MarkdownV2 ({@code *bold* _italic_ __underline__ ~strike~ ||spoiler|| `code` ```pre```
 * [text](url)}, every other reserved character escaped with a backslash) and the legacy Markdown
 * ({@code *bold* _italic_ `code` ```pre``` [text](url)}, no nesting).
 */
final class MarkdownText {
    private static final String RESERVED = "_*[]()~`>#+-=|{}.!";

    private MarkdownText() {}

    private record Open(String marker, String type, int offset) {}

    static FormattedText parse(String md, boolean v2) {
        StringBuilder text = new StringBuilder();
        ArrayNode entities = JsonNodeFactory.instance.arrayNode();
        Deque<Open> open = new ArrayDeque<>();
        int linkStart = -1;
        int i = 0;
        while (i < md.length()) {
            char c = md.charAt(i);
            if (c == '\\' && i + 1 < md.length() && (v2 || "_*`[".indexOf(md.charAt(i + 1)) >= 0)) {
                text.append(md.charAt(i + 1));
                i += 2;
            } else if (md.startsWith("```", i)) {
                int end = md.indexOf("```", i + 3);
                if (end < 0) {
                    throw bad("can't find end of Pre entity at byte offset " + i);
                }
                String body = md.substring(i + 3, end);
                String lang = "";
                int nl = body.indexOf('\n');
                if (nl >= 0 && !body.substring(0, nl).contains(" ")) {
                    lang = body.substring(0, nl);
                    body = body.substring(nl + 1);
                }
                body = unescapeCode(body, v2);
                ObjectNode e = entity("pre", text.length(), body.length());
                if (!lang.isEmpty()) {
                    e.put("language", lang);
                }
                entities.add(e);
                text.append(body);
                i = end + 3;
            } else if (c == '`') {
                int end = md.indexOf('`', i + 1);
                if (end < 0) {
                    throw bad("can't find end of Code entity at byte offset " + i);
                }
                String body = unescapeCode(md.substring(i + 1, end), v2);
                entities.add(entity("code", text.length(), body.length()));
                text.append(body);
                i = end + 1;
            } else if (c == '[') {
                if (linkStart >= 0) {
                    throw bad("nested links are not allowed");
                }
                linkStart = text.length();
                i++;
            } else if (c == ']' && linkStart >= 0) {
                if (i + 1 >= md.length() || md.charAt(i + 1) != '(') {
                    throw bad("can't find end of a url for a link");
                }
                int end = md.indexOf(')', i + 2);
                if (end < 0) {
                    throw bad("can't find end of a url for a link");
                }
                String url = md.substring(i + 2, end).replace("\\)", ")").replace("\\\\", "\\");
                ObjectNode e = entity("text_link", linkStart, text.length() - linkStart);
                if (url.startsWith("tg://user?id=")) {
                    e.put("type", "text_mention").remove("url");
                    e.putObject("user").put("id", Long.parseLong(url.substring(13)));
                } else {
                    e.put("url", url);
                }
                if (e.get("length").asInt() > 0) {
                    entities.add(e);
                }
                linkStart = -1;
                i = end + 1;
            } else if (marker(md, i, v2) != null) {
                String m = marker(md, i, v2);
                if (!open.isEmpty() && open.peek().marker().equals(m)) {
                    Open o = open.pop();
                    if (text.length() > o.offset()) {
                        entities.add(entity(o.type(), o.offset(), text.length() - o.offset()));
                    }
                } else {
                    if (!v2 && !open.isEmpty()) {
                        throw bad("nested entities are not allowed in Markdown");
                    }
                    open.push(new Open(m, type(m), text.length()));
                }
                i += m.length();
            } else if (v2 && RESERVED.indexOf(c) >= 0) {
                throw bad(
                        "Character '"
                                + c
                                + "' is reserved and must be escaped with the preceding '\\'");
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty() || linkStart >= 0) {
            throw bad("can't find end of the entity starting at byte offset " + md.length());
        }
        return new FormattedText(text.toString(), HtmlText.sorted(entities));
    }

    private static String marker(String md, int i, boolean v2) {
        char c = md.charAt(i);
        if (v2) {
            if (md.startsWith("__", i)) {
                return "__";
            }
            if (md.startsWith("||", i)) {
                return "||";
            }
            return c == '*' || c == '_' || c == '~' ? String.valueOf(c) : null;
        }
        return c == '*' || c == '_' ? String.valueOf(c) : null;
    }

    private static String type(String marker) {
        return switch (marker) {
            case "*" -> "bold";
            case "_" -> "italic";
            case "__" -> "underline";
            case "~" -> "strikethrough";
            default -> "spoiler";
        };
    }

    private static String unescapeCode(String s, boolean v2) {
        return v2 ? s.replace("\\`", "`").replace("\\\\", "\\") : s;
    }

    private static ObjectNode entity(String type, int offset, int length) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", type)
                .put("offset", offset)
                .put("length", length);
    }

    private static BotError bad(String what) {
        return BotError.badRequest("can't parse entities: " + what);
    }
}
