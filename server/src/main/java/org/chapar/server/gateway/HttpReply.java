package org.chapar.server.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/** A whole HTTP answer: status, content type and body. */
public record HttpReply(HttpResponseStatus status, String contentType, byte[] body) {

    public static HttpReply json(HttpResponseStatus status, String json) {
        return new HttpReply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every HTTP error has this body: {@code {"code":"NOT_FOUND","message":"..."}}. */
    public static HttpReply error(HttpResponseStatus status, String code, String message) {
        return json(
                status,
                "{\"code\":\"" + jsonText(code) + "\",\"message\":\"" + jsonText(message) + "\"}");
    }

    /** The text as the inside of a JSON string (the server has no JSON library for one field). */
    public static String jsonText(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
