package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;

import org.chapar.server.tls.ServerCertificate;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plain-HTTP port (usually 80) beside the HTTPS one: every request is answered with a permanent
 * redirect to the same path on HTTPS, and the connection closed. It serves nothing else, so nothing
 * readable crosses it but the path the client asked for. The one exception is ACME's HTTP-01 (RFC
 * 8555 8.3): {@code /.well-known/acme-challenge/TOKEN} answers the key authorization of a challenge
 * in flight, and 404 for any other token.
 */
@ChannelHandler.Sharable
final class HttpsRedirect extends SimpleChannelInboundHandler<HttpRequest> {
    /** A host name or an IPv4/IPv6 address, optionally with a port: nothing to inject. */
    private static final Pattern HOST =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");

    static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

    private final int httpsPort;
    private final Optional<ServerCertificate> tls;

    HttpsRedirect(int httpsPort, Optional<ServerCertificate> tls) {
        this.httpsPort = httpsPort;
        this.tls = tls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest req) {
        String host = req.headers().get(HttpHeaderNames.HOST, "");
        FullHttpResponse r;
        var m = HOST.matcher(host);
        if (req.uri().startsWith(CHALLENGE_PATH)) {
            r = challenge(req.uri().substring(CHALLENGE_PATH.length()));
        } else if (!m.matches() || !req.uri().startsWith("/")) {
            r =
                    HttpReply.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "no valid Host")
                            .response();
        } else {
            String target =
                    "https://" + m.group(1) + (httpsPort == 443 ? "" : ":" + httpsPort) + req.uri();
            r =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            HttpResponseStatus.MOVED_PERMANENTLY,
                            Unpooled.copiedBuffer("moved to " + target, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.LOCATION, target);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        }
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** The key authorization for a token of an order in flight; 404 for anything else. */
    private FullHttpResponse challenge(String token) {
        Optional<String> answer =
                tls.flatMap(c -> c.httpChallenge(token)).filter(a -> !token.isEmpty());
        if (answer.isEmpty()) {
            return HttpReply.error(
                            HttpResponseStatus.NOT_FOUND,
                            "NOT_FOUND",
                            "no ACME challenge in flight for this token")
                    .response();
        }
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(answer.get(), StandardCharsets.US_ASCII));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    /** A client that sends no request within the idle time is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
