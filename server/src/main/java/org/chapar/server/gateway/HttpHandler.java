package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/** Plain HTTP on the same port as the WebSocket: the health check and a landing page. */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String PAGE =
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Chapar</title></head>"
                    + "<body><h1>Chapar</h1><p>This is a Chapar server. Connect with a Chapar app.</p></body></html>";

    private final Supplier<Optional<String>> health;

    HttpHandler(Supplier<Optional<String>> health) {
        this.health = health;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        FullHttpResponse response =
                switch (path) {
                    case "/health" -> health();
                    case "/" -> response(HttpResponseStatus.OK, "text/html; charset=utf-8", PAGE);
                    default ->
                            response(
                                    HttpResponseStatus.NOT_FOUND,
                                    "text/plain; charset=utf-8",
                                    "not found\n");
                };
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** 200 ok, or 503 with the problem, so that load balancers take a failing server out. */
    private FullHttpResponse health() {
        Optional<String> problem = health.get();
        if (problem.isEmpty()) {
            return response(HttpResponseStatus.OK, "application/json", "{\"status\":\"ok\"}");
        }
        return response(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json",
                "{\"status\":\"failing\",\"problem\":\"" + jsonText(problem.get()) + "\"}");
    }

    /** The text as the inside of a JSON string (the server has no JSON library for one field). */
    private static String jsonText(String text) {
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

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        status,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set("X-Content-Type-Options", "nosniff");
        return r;
    }
}
