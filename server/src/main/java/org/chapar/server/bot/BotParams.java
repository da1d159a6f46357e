package org.chapar.server.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.chapar.server.gateway.HttpRoutes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A Bot API call's parameters, from the query string and the body in any of Telegram's encodings:
 * {@code application/x-www-form-urlencoded}, {@code application/json} and {@code
 * multipart/form-data}. Form values are strings; a value that is an object there (reply_markup,
 * entities) is JSON text, which {@link #json} parses, as Telegram does.
 */
final class BotParams {
    private final ObjectNode values;
    private final Map<String, BotUpload> files;

    private BotParams(ObjectNode values, Map<String, BotUpload> files) {
        this.values = values;
        this.files = files;
    }

    static BotParams of(ObjectNode values) {
        return new BotParams(values, Map.of());
    }

    /** A multipart request's fields and its files by field name. */
    static BotParams of(ObjectNode values, Map<String, BotUpload> files) {
        return new BotParams(values, Map.copyOf(files));
    }

    /** The query string's parameters (a repeated one: its last value). */
    static ObjectNode query(String uri) {
        ObjectNode out = BotJson.object();
        for (var e : new QueryStringDecoder(uri).parameters().entrySet()) {
            out.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
        }
        return out;
    }

    /** The content type without parameters, in lower case. */
    static String mime(HttpRoutes.Call call) {
        String type = call.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** Query and a JSON or form body (multipart bodies are read by {@link BotRequestBody}). */
    static BotParams parse(HttpRoutes.Call call) {
        ObjectNode out = query(call.uri());
        byte[] body = call.body();
        if (body.length == 0) {
            return new BotParams(out, Map.of());
        }
        String mime = mime(call);
        switch (mime) {
            case "application/json" -> {
                JsonNode tree;
                try {
                    tree = BotJson.MAPPER.readTree(body);
                } catch (IOException e) {
                    throw BotError.badRequest("can't parse JSON request");
                }
                if (tree == null || !tree.isObject()) {
                    throw BotError.badRequest("JSON request must be an object");
                }
                out.setAll((ObjectNode) tree);
            }
            case "application/x-www-form-urlencoded" -> {
                String form = new String(body, StandardCharsets.UTF_8);
                for (var e : new QueryStringDecoder(form, false).parameters().entrySet()) {
                    out.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
                }
            }
            default -> throw BotError.badRequest("unsupported Content-Type " + mime);
        }
        return new BotParams(out, Map.of());
    }

    /** The file sent in the multipart part called {@code name}. */
    Optional<BotUpload> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull();
    }

    Optional<String> string(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(v.isTextual() ? v.textValue() : v.toString());
    }

    String requireString(String name) {
        return string(name).orElseThrow(() -> BotError.badRequest(name + " is empty"));
    }

    long longValue(String name, long absent) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return v.longValue();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw BotError.badRequest("field \"" + name + "\" must be of type Integer");
        }
    }

    long requireLong(String name) {
        if (!has(name)) {
            throw BotError.badRequest(name + " is empty");
        }
        return longValue(name, 0);
    }

    boolean bool(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("1");
    }

    /** An object or array parameter: as sent in JSON, or parsed from its JSON text in a form. */
    Optional<JsonNode> json(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v instanceof TextNode t) {
            if (t.textValue().isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(BotJson.MAPPER.readTree(t.textValue()));
            } catch (JsonProcessingException e) {
                throw BotError.badRequest("can't parse " + name + " JSON object");
            }
        }
        return Optional.of(v);
    }

    /** A list parameter of strings (allowed_updates). */
    Optional<List<String>> strings(String name) {
        return json(name)
                .map(
                        n -> {
                            if (!n.isArray()) {
                                throw BotError.badRequest(name + " must be an Array");
                            }
                            return StreamSupport.stream(n.spliterator(), false)
                                    .map(JsonNode::asText)
                                    .toList();
                        });
    }
}
