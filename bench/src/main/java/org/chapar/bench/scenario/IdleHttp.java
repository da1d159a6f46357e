package org.chapar.bench.scenario;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;

import org.chapar.bench.report.Result;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * HTTPS connections held idle after one request each (GET /health), over HTTP/2 or HTTP/1.1 as ALPN
 * is told: what a browser's connection for files costs the server between requests (ADR 0031). The
 * server must be told to keep idle HTTP connections (its request deadline, its cap on connections
 * not logged in per address) for longer than the hold.
 */
public record IdleHttp(int connections, Duration hold, boolean http2) {

    public Result run(Run run) throws Exception {
        X509Certificate cert =
                run.target()
                        .tlsCertificate()
                        .orElseThrow(() -> new IllegalStateException("idle-http needs --tls"));
        String protocol =
                http2 ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1;
        SslContext tls =
                SslContextBuilder.forClient()
                        .trustManager(cert)
                        .applicationProtocolConfig(
                                new ApplicationProtocolConfig(
                                        ApplicationProtocolConfig.Protocol.ALPN,
                                        ApplicationProtocolConfig.SelectorFailureBehavior
                                                .NO_ADVERTISE,
                                        ApplicationProtocolConfig.SelectedListenerFailureBehavior
                                                .ACCEPT,
                                        protocol))
                        .build();
        InetSocketAddress server = run.target().addresses().get(0);
        Result result =
                new Result("idle-http", run.target().name())
                        .parameter("connections", connections)
                        .parameter("protocol", protocol)
                        .parameter("hold", hold.toString());
        Thread.sleep(2000);
        OptionalLong heap0 = run.target().heapUsedAfterGc();
        long rss0 = run.serverRssBytes();

        run.log("connecting %,d clients over %s", connections, protocol);
        long start = System.nanoTime();
        List<CompletableFuture<Channel>> pending = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Channel> answered = new CompletableFuture<>();
            pending.add(answered);
            run.generator()
                    .connect(
                            server,
                            new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline()
                                            .addLast(
                                                    tls.newHandler(
                                                            ch.alloc(),
                                                            server.getHostString(),
                                                            server.getPort()));
                                    if (http2) {
                                        ch.pipeline()
                                                .addLast(
                                                        Http2FrameCodecBuilder.forClient().build(),
                                                        new OneStream(answered),
                                                        new Unanswered(answered));
                                    } else {
                                        ch.pipeline()
                                                .addLast(
                                                        new HttpClientCodec(),
                                                        new OneRequest(answered),
                                                        new Unanswered(answered));
                                    }
                                }
                            })
                    .addListener(
                            f -> {
                                if (!f.isSuccess()) answered.completeExceptionally(f.cause());
                            });
        }
        int failed = Run.failures(pending, Duration.ofMinutes(10));
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        int connected = connections - failed;
        run.log(
                "%,d answered in %.1f s (%d failed); holding %s",
                connected, connectSeconds, failed, hold);
        result.metric("connected", connected, "conns")
                .metric("failed to connect", failed, "conns")
                .metric("time to connect all", connectSeconds, "s");
        Thread.sleep(hold.toMillis());
        int stillOpen = 0;
        for (CompletableFuture<Channel> f : pending)
            if (f.isDone() && !f.isCompletedExceptionally() && f.join().isActive()) stillOpen++;
        OptionalLong heap1 = run.target().heapUsedAfterGc();
        long rss1 = run.serverRssBytes();
        result.metric("still open after hold", stillOpen, "conns");
        Idle.memory(result, rss0, rss1, heap0, heap1, connected);
        for (CompletableFuture<Channel> f : pending)
            if (f.isDone() && !f.isCompletedExceptionally()) f.join().close();
        return result;
    }

    /** GET /health once over HTTP/1.1 and keep the connection. */
    static final class OneRequest extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Channel> answered;

        OneRequest(CompletableFuture<Channel> answered) {
            this.answered = answered;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            DefaultFullHttpRequest r =
                    new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
            r.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            ctx.writeAndFlush(r);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse r && r.status().code() != 200) {
                answered.completeExceptionally(new IllegalStateException("answered " + r.status()));
            }
            if (msg instanceof LastHttpContent) answered.complete(ctx.channel());
            ReferenceCountUtil.release(msg);
        }
    }

    /** GET /health on one stream over HTTP/2 and keep the connection. */
    static final class OneStream extends Http2ChannelDuplexHandler {
        private final CompletableFuture<Channel> answered;

        OneStream(CompletableFuture<Channel> answered) {
            this.answered = answered;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(
                    new DefaultHttp2HeadersFrame(
                                    new DefaultHttp2Headers()
                                            .method("GET")
                                            .scheme("https")
                                            .authority("127.0.0.1")
                                            .path("/health"),
                                    true)
                            .stream(newStream()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame h
                    && !h.headers().status().toString().equals("200")) {
                answered.completeExceptionally(
                        new IllegalStateException("answered " + h.headers().status()));
            }
            if ((msg instanceof Http2HeadersFrame h && h.isEndStream())
                    || (msg instanceof Http2DataFrame d && d.isEndStream())) {
                answered.complete(ctx.channel());
            }
            ReferenceCountUtil.release(msg);
        }
    }

    /** The last handler of either protocol: a close or an error before the answer fails it. */
    static final class Unanswered extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Channel> answered;

        Unanswered(CompletableFuture<Channel> answered) {
            this.answered = answered;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answered.completeExceptionally(new IllegalStateException("closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answered.completeExceptionally(cause);
            ctx.close();
        }
    }
}
