package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Telegram's HTML parse mode: the tags it lists (b, strong, i, em, u, ins, s, strike, del, span
 * class="tg-spoiler", tg-spoiler, a href, code, pre, blockquote) and the entities &lt; &gt; &amp;
 * &quot; and numeric ones. Anything else is refused, as Telegram refuses it.
 */
final class HtmlText {
    private static final Map<String, String> TYPES =
            Map.ofEntries(
                    Map.entry("b", "bold"),
                    Map.entry("strong", "bold"),
                    Map.entry("i", "italic"),
                    Map.entry("em", "italic"),
                    Map.entry("u", "underline"),
                    Map.entry("ins", "underline"),
                    Map.entry("s", "strikethrough"),
                    Map.entry("strike", "strikethrough"),
                    Map.entry("del", "strikethrough"),
                    Map.entry("tg-spoiler", "spoiler"),
                    Map.entry("span", "spoiler"),
                    Map.entry("a", "text_link"),
                    Map.entry("code", "code"),
                    Map.entry("pre", "pre"),
                    Map.entry("blockquote", "blockquote"));

    private HtmlText() {}

    private record Open(String tag, int offset, ObjectNode entity) {}

    static FormattedText parse(String html) {
        StringBuilder text = new StringBuilder();
        ArrayNode entities = JsonNodeFactory.instance.arrayNode();
        Deque<Open> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    throw bad("unclosed start tag at byte offset " + i);
                }
                String tag = html.substring(i + 1, end).trim();
                if (tag.startsWith("/")) {
                    String name = tag.substring(1).trim().toLowerCase(Locale.ROOT);
                    if (open.isEmpty() || !open.peek().tag().equals(name)) {
                        throw bad("unmatched end tag at byte offset " + i + ", expected");
                    }
                    Open o = open.pop();
                    int length = text.length() - o.offset();
                    if (o.entity() != null && length > 0) {
                        o.entity().put("length", length);
                        entities.add(o.entity());
                    }
                } else {
                    open.push(start(tag, text.length(), open));
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String ref = end < 0 ? "" : html.substring(i + 1, end);
                String ch = reference(ref);
                if (ch == null) {
                    text.append('&');
                    i++;
                } else {
                    text.append(ch);
                    i = end + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw bad("can't find end tag corresponding to start tag " + open.peek().tag());
        }
        return new FormattedText(text.toString(), sorted(entities));
    }

    private static Open start(String tag, int offset, Deque<Open> open) {
        int space = tag.indexOf(' ');
        String name = (space < 0 ? tag : tag.substring(0, space)).toLowerCase(Locale.ROOT);
        String attrs = space < 0 ? "" : tag.substring(space + 1);
        String type = TYPES.get(name);
        if (type == null) {
            throw bad("unsupported start tag \"" + name + "\"");
        }
        ObjectNode e =
                JsonNodeFactory.instance.objectNode().put("type", type).put("offset", offset);
        switch (name) {
            case "a" -> {
                String href = attribute(attrs, "href");
                if (href == null || href.isEmpty()) {
                    throw bad("a tag without href");
                }
                if (href.startsWith("tg://user?id=")) {
                    e.put("type", "text_mention");
                    e.putObject("user").put("id", Long.parseLong(href.substring(13)));
                } else {
                    e.put("url", href);
                }
            }
            case "span" -> {
                if (!"tg-spoiler".equals(attribute(attrs, "class"))) {
                    throw bad("span tag without class=\"tg-spoiler\"");
                }
            }
            case "code" -> {
                // <pre><code class="language-x"> is one pre entity with a language
                String lang = attribute(attrs, "class");
                if (!open.isEmpty() && open.peek().tag().equals("pre") && lang != null) {
                    if (lang.startsWith("language-")) {
                        open.peek().entity().put("language", lang.substring(9));
                    }
                    return new Open(name, offset, null);
                }
            }
            default -> {}
        }
        return new Open(name, offset, e);
    }

    private static String attribute(String attrs, String name) {
        var m =
                Pattern.compile(
                                name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s]+))",
                                Pattern.CASE_INSENSITIVE)
                        .matcher(attrs);
        if (!m.find()) {
            return null;
        }
        String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        return v.replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static String reference(String ref) {
        return switch (ref) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> {
                if (ref.startsWith("#x") && ref.length() > 2) {
                    yield Character.toString(Integer.parseInt(ref.substring(2), 16));
                }
                if (ref.startsWith("#")
                        && ref.length() > 1
                        && ref.substring(1).chars().allMatch(Character::isDigit)) {
                    yield Character.toString(Integer.parseInt(ref.substring(1)));
                }
                yield null;
            }
        };
    }

    /** Telegram lists entities by offset, an outer one before the inner ones it holds. */
    static ArrayNode sorted(ArrayNode entities) {
        var list = new ArrayList<ObjectNode>();
        entities.forEach(n -> list.add((ObjectNode) n));
        list.sort(
                Comparator.<ObjectNode>comparingInt(n -> n.get("offset").asInt())
                        .thenComparing(n -> -n.get("length").asInt()));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        list.forEach(out::add);
        return out;
    }

    private static BotError bad(String what) {
        return BotError.badRequest("can't parse entities: " + what);
    }
}
