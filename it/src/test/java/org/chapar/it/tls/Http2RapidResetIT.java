package org.chapar.it.tls;

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
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import org.chapar.server.tls.TlsContexts;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 rapid reset (CVE-2023-44487): a client that opens streams and resets each at once, so that
 * the server starts work for every one while the cap on streams at once never binds, is sent GOAWAY
 * (ENHANCE_YOUR_CALM) and closed; an h2 client and a logged-in WebSocket on other connections are
 * served on as before.
 */
class Http2RapidResetIT {
    /**
     * One past the server's guard (200 resets in 30 s). The flood stops there so that the server
     * has read all of it when it closes: data left unread would make its close a TCP reset, which
     * can discard the GOAWAY before this client reads it.
     */
    static final int FLOOD = 201;

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withTls(new TlsSource.SelfSigned()));

    @Test
    void aClientThatResetsStreamsInAFloodIsSentGoawayAndClosedWhileOthersAreServed()
            throws Exception {
        X509Certificate cert = TlsClients.read(server.dataDir().resolve("tls/self-signed.crt"));
        HttpClient h2 =
                HttpClient.newBuilder()
                        .sslContext(TlsClients.trusting(cert))
                        .version(HttpClient.Version.HTTP_2)
                        .build();
        HttpRequest page =
                HttpRequest.newBuilder(server.httpUri("/health"))
                        .timeout(Duration.ofSeconds(30))
                        .build();
        assertThat(h2.send(page, BodyHandlers.ofString()).version())
                .isEqualTo(HttpClient.Version.HTTP_2);
        TestUser alice = server.newUser("reset_alice");

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Abuser abuser = new Abuser();
            Channel ch = abuser.connect(group, cert, server.port());
            assertThat(abuser.settings.get(20, TimeUnit.SECONDS)).as("h2 is spoken").isNotNull();
            assertThat(ch.pipeline().get(SslHandler.class).applicationProtocol())
                    .isEqualTo(ApplicationProtocolNames.HTTP_2);
            abuser.flood(ch, FLOOD);

            assertThat(abuser.goAway.get(30, TimeUnit.SECONDS))
                    .isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
            assertThat(ch.closeFuture().await(30, TimeUnit.SECONDS)).as("closed").isTrue();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }

        HttpResponse<String> after = h2.send(page, BodyHandlers.ofString());
        assertThat(after.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(alice.client().getMe().join().getUsername()).startsWith("reset_alice");
    }

    /** A client speaking raw HTTP/2 frames through Netty's own codec. */
    static final class Abuser extends Http2ChannelDuplexHandler {
        final CompletableFuture<Http2SettingsFrame> settings = new CompletableFuture<>();

        /** The error code of the GOAWAY received. */
        final CompletableFuture<Long> goAway = new CompletableFuture<>();

        Channel connect(EventLoopGroup group, X509Certificate trusted, int port) throws Exception {
            SslContext tls = TlsContexts.client(trusted, ApplicationProtocolNames.HTTP_2);
            Abuser self = this;
            return new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(
                            new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline()
                                            .addLast(
                                                    tls.newHandler(ch.alloc(), "127.0.0.1", port),
                                                    // without the guard Netty puts on a
                                                    // client's own resets: this one floods
                                                    Http2FrameCodecBuilder.forClient()
                                                            .encoderEnforceMaxRstFramesPerWindow(
                                                                    0, 0)
                                                            .build(),
                                                    self);
                                }
                            })
                    .connect("127.0.0.1", port)
                    .sync()
                    .channel();
        }

        /**
         * {@code n} streams opened and reset at once, flushed 50 at a time (this side's streams
         * close when their reset is written, and it may have 100 open), and then nothing more.
         */
        void flood(Channel ch, int n) {
            ch.eventLoop()
                    .execute(
                            () -> {
                                for (int i = 1; i <= n; i++) {
                                    openAndReset(ch);
                                    if (i % 50 == 0) {
                                        ch.flush();
                                    }
                                }
                                ch.flush();
                            });
        }

        /** HEADERS for a GET, then RST_STREAM for it, as the attack sends them. */
        void openAndReset(Channel ch) {
            Http2FrameStream stream = newStream();
            Http2Headers headers =
                    new DefaultHttp2Headers()
                            .method("GET")
                            .scheme("https")
                            .authority("127.0.0.1")
                            .path("/health");
            ch.write(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
            ch.write(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            if (frame instanceof Http2SettingsFrame s) {
                settings.complete(s);
            } else if (frame instanceof Http2GoAwayFrame g) {
                goAway.complete(g.errorCode());
            }
            ReferenceCountUtil.release(frame);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            goAway.completeExceptionally(new IllegalStateException("closed without GOAWAY"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            goAway.completeExceptionally(cause);
            ctx.close(); // the server's closing is what the test waits for
        }
    }
}
