package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

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

    static HttpReply notFound() {
        return error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at this path");
    }

    FullHttpResponse response() {
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set("X-Content-Type-Options", "nosniff");
        return r;
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
