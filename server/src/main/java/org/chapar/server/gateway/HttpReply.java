package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An HTTP answer: status, content type, extra headers, and a body that is either in memory or
 * {@code length} bytes of a local file from {@code from} (sent as a file region, never read into
 * the heap).
 *
 * @param contentType null for an answer without a body type (a 204)
 * @param file null for an answer whose body is {@code body}
 */
public record HttpReply(
        HttpResponseStatus status,
        String contentType,
        byte[] body,
        HttpHeaders headers,
        Path file,
        long from,
        long length) {

    public HttpReply(HttpResponseStatus status, String contentType, byte[] body) {
        this(status, contentType, body, EmptyHttpHeaders.INSTANCE, null, 0, 0);
    }

    public static HttpReply json(HttpResponseStatus status, String json) {
        return new HttpReply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every HTTP error has this body: {@code {"code":"NOT_FOUND","message":"..."}}. */
    public static HttpReply error(HttpResponseStatus status, String code, String message) {
        return json(
                status,
                "{\"code\":\"" + jsonText(code) + "\",\"message\":\"" + jsonText(message) + "\"}");
    }

    /** An answer without a body (a 204, or the head of a HEAD). */
    public static HttpReply empty(HttpResponseStatus status) {
        return new HttpReply(status, null, new byte[0]);
    }

    /** {@code length} bytes of {@code file} from {@code from}, with these headers. */
    public static HttpReply file(
            HttpResponseStatus status, HttpHeaders headers, Path file, long from, long length) {
        return new HttpReply(status, null, new byte[0], headers, file, from, length);
    }

    /** This answer with one more header. */
    public HttpReply withHeader(CharSequence name, Object value) {
        HttpHeaders h = new DefaultHttpHeaders().add(headers);
        h.set(name, value);
        return new HttpReply(status, contentType, body, h, file, from, length);
    }

    static HttpReply notFound() {
        return error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at this path");
    }

    /** The whole answer of an in-memory body ({@code file} must be null). */
    FullHttpResponse response() {
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().add(headers);
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set("X-Content-Type-Options", "nosniff");
        return r;
    }

    /** The answer as the static files' kind: a head, then the file region. */
    StaticFiles.Answer fileAnswer() {
        HttpHeaders h = new DefaultHttpHeaders().add(headers);
        h.set("X-Content-Type-Options", "nosniff");
        return new StaticFiles.Answer(status, h, file, from, length);
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
