package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;

import org.chapar.server.tls.SelfSigned;
import org.chapar.server.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 connection with no stream open is held to the request deadline as an HTTP/1.1
 * connection between requests is: once its request is answered it is sent GOAWAY (NO_ERROR) and
 * closed, so idle h2 connections cannot pile up past the admission caps.
 */
class Http2DeadlineTest {
    @TempDir Path dir;

    @Test
    void aConnectionWhoseStreamsAreDoneIsSentGoawayAtTheRequestDeadline() throws Exception {
        SelfSigned certificate = SelfSigned.loadOrCreate(dir, "127.0.0.1", Clock.systemUTC());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        HttpRoutes routes = new HttpRoutes();
        routes.small(
                HttpMethod.GET,
                "/now",
                0,
                call ->
                        CompletableFuture.completedFuture(
                                HttpReply.json(HttpResponseStatus.OK, "{}")));
        try (TestGateway g =
                new TestGateway(
                        routes,
                        Optional.of(certificate),
                        // long enough for the handshake and request on a loaded machine
                        ConnectionLimits.defaults()
                                .withDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(30)))) {
            CompletableFuture<Boolean> answered = new CompletableFuture<>();
            CompletableFuture<Long> goAway = new CompletableFuture<>();
            SslContext tls =
                    TlsContexts.client(
                            certificate.credentials().leaf(), ApplicationProtocolNames.HTTP_2);
            int port = g.uri("/").getPort();
            Channel ch =
                    new Bootstrap()
                            .group(group)
                            .channel(NioSocketChannel.class)
                            .handler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel c) {
                                            c.pipeline()
                                                    .addLast(
                                                            tls.newHandler(
                                                                    c.alloc(), "127.0.0.1", port),
                                                            Http2FrameCodecBuilder.forClient()
                                                                    .build(),
                                                            new OneRequest(answered, goAway));
                                        }
                                    })
                            .connect("127.0.0.1", port)
                            .sync()
                            .channel();
            assertThat(answered.get(20, TimeUnit.SECONDS)).as("answered over h2").isTrue();
            assertThat(goAway.get(20, TimeUnit.SECONDS)).isEqualTo(Http2Error.NO_ERROR.code());
            assertThat(ch.closeFuture().await(20, TimeUnit.SECONDS)).as("closed").isTrue();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            certificate.close();
        }
    }

    /** GET /now on one stream once the server's settings are in; then it only listens. */
    static final class OneRequest extends Http2ChannelDuplexHandler {
        private final CompletableFuture<Boolean> answered;
        private final CompletableFuture<Long> goAway;

        OneRequest(CompletableFuture<Boolean> answered, CompletableFuture<Long> goAway) {
            this.answered = answered;
            this.goAway = goAway;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            if (frame instanceof Http2SettingsFrame) {
                Http2Headers get =
                        new DefaultHttp2Headers()
                                .method("GET")
                                .scheme("https")
                                .authority("127.0.0.1")
                                .path("/now");
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(get, true).stream(newStream()));
            } else if (frame instanceof Http2DataFrame d && d.isEndStream()) {
                answered.complete(true);
            } else if (frame instanceof Http2GoAwayFrame g) {
                goAway.complete(g.errorCode());
            }
            ReferenceCountUtil.release(frame);
        }
    }
}
