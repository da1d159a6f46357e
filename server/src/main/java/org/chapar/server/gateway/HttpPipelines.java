package org.chapar.server.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * What follows a connection's first handlers (TLS, the idle timeout, its {@link AdmissionHandler}
 * named {@link #ADMISSION}): HTTP/1.1 with the WebSocket behind it, or HTTP/2, where each stream is
 * a child channel that turns its frames into HTTP objects for a {@link HttpRouter} of its own, so
 * that every route serves both protocols unchanged (ADR 0031).
 *
 * <p>The HTTP/2 limits: {@link #MAX_CONCURRENT_STREAMS} streams at once (a browser's page of
 * thumbnails fits; no more requests at once than the per-address cap of connections allows over
 * HTTP/1.1), header lists up to {@link #MAX_HEADER_LIST_BYTES} (about what HTTP/1.1's codec reads),
 * and Netty's guards against floods of resets (CVE-2023-44487, rapid reset: a client that resets
 * more than {@link #MAX_RESETS} streams in {@link #RESET_WINDOW_SECONDS} s is sent GOAWAY and
 * closed), of resets it provokes, of empty DATA frames, small CONTINUATION frames and control
 * frames it does not read the answers of. Flow-control windows of {@link #STREAM_WINDOW_BYTES} a
 * stream and {@link #CONNECTION_WINDOW_BYTES} a connection bound what an upload can leave buffered
 * while its route writes a chunk to disk, without holding an upload to 64 KiB a round trip.
 */
final class HttpPipelines {
    static final String ADMISSION = "admission";
    static final int MAX_CONCURRENT_STREAMS = 100;
    static final int MAX_HEADER_LIST_BYTES = 16 * 1024;
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    static final int STREAM_WINDOW_BYTES = 256 * 1024;

    private final HttpRoutes routes;
    private final Capacity capacity;
    private final Admission admission;
    private final ConnectionLimits limits;
    private final WebSocketServerProtocolConfig webSocket;
    private final int maxWebSocketFrame;
    private final Supplier<ChannelHandler> frames;
    private final boolean tls;
    private final ChannelInitializer<Http2StreamChannel> streams =
            new ChannelInitializer<>() {
                @Override
                protected void initChannel(Http2StreamChannel ch) {
                    ch.pipeline()
                            .addLast(
                                    new Http2StreamFrameToHttpObjectCodec(true),
                                    WholeRequests.INSTANCE,
                                    HstsHandler.INSTANCE,
                                    new AdmissionHandler(admission, limits, true),
                                    new HttpRouter(routes, capacity),
                                    Errors.INSTANCE);
                }
            };

    /**
     * @param frames the app's handler of WebSocket frames, one per connection
     * @param tls the port speaks TLS: answers carry HSTS
     */
    HttpPipelines(
            HttpRoutes routes,
            Capacity capacity,
            Admission admission,
            ConnectionLimits limits,
            WebSocketServerProtocolConfig webSocket,
            int maxWebSocketFrame,
            Supplier<ChannelHandler> frames,
            boolean tls) {
        this.routes = routes;
        this.capacity = capacity;
        this.admission = admission;
        this.limits = limits;
        this.webSocket = webSocket;
        this.maxWebSocketFrame = maxWebSocketFrame;
        this.frames = frames;
        this.tls = tls;
    }

    /** A new connection's admission handler, to be added under the name {@link #ADMISSION}. */
    AdmissionHandler admission() {
        return new AdmissionHandler(admission, limits, false);
    }

    /** HTTP/1.1 around the admission handler, then the router and the WebSocket behind it. */
    void http1(ChannelPipeline p) {
        p.addBefore(ADMISSION, null, new HttpServerCodec());
        if (tls) {
            p.addBefore(ADMISSION, null, HstsHandler.INSTANCE);
        }
        p.addLast(
                new HttpRouter(routes, capacity),
                new WebSocketServerProtocolHandler(webSocket),
                new WebSocketFrameAggregator(maxWebSocketFrame),
                frames.get());
    }

    /** HTTP/2 after the admission handler, which from now on counts streams. */
    void http2(ChannelPipeline p) {
        Http2FrameCodec codec =
                Http2FrameCodecBuilder.forServer()
                        .initialSettings(
                                Http2Settings.defaultSettings()
                                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                                        .maxHeaderListSize(MAX_HEADER_LIST_BYTES)
                                        .initialWindowSize(STREAM_WINDOW_BYTES))
                        .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                        .encoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                        .decoderEnforceMaxConsecutiveEmptyDataFrames(2)
                        .decoderEnforceMaxSmallContinuationFrames(16)
                        .encoderEnforceMaxQueuedControlFrames(10_000)
                        .gracefulShutdownTimeoutMillis(1_000)
                        .build();
        p.addLast(codec, new Http2MultiplexHandler(streams), Errors.INSTANCE);
        ((AdmissionHandler) p.get(ADMISSION)).multiplexed(p.context(ADMISSION), codec.connection());
    }

    /**
     * Ends a stream whose answer is written before its request's body was read: only the stream,
     * and as the answer is complete, with RST_STREAM NO_ERROR (RFC 9113 8.1), which a client reads
     * as the end rather than as a failure.
     */
    static final ChannelFutureListener END_STREAM =
            written -> {
                if (!written.isSuccess()) {
                    written.channel().close();
                } else if (written.channel().isActive()) {
                    // the stream's channel closes once the stream has
                    written.channel()
                            .writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR))
                            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                }
            };

    /**
     * A request without a body comes from HTTP/2 whole; the router takes it as HTTP/1.1's codec
     * gives it, head then (empty) end, so that a streaming route is opened before its end is
     * handled.
     */
    @ChannelHandler.Sharable
    static final class WholeRequests extends ChannelInboundHandlerAdapter {
        static final WholeRequests INSTANCE = new WholeRequests();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest whole) {
                ctx.fireChannelRead(
                        new DefaultHttpRequest(
                                whole.protocolVersion(),
                                whole.method(),
                                whole.uri(),
                                whole.headers()));
                ctx.fireChannelRead(
                        new DefaultLastHttpContent(whole.content(), whole.trailingHeaders()));
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /**
     * The last handler of an HTTP/2 connection and of each of its streams: what went wrong below
     * says nothing worth keeping about the client; the stream (reset) or connection (GOAWAY) is
     * closed. An HTTP/2 error the codec reports is left to it: it is already sending its own GOAWAY
     * or RST_STREAM with the error's code (ENHANCE_YOUR_CALM for a flood), which a close from here
     * would pre-empt with a graceful NO_ERROR.
     */
    @ChannelHandler.Sharable
    static final class Errors extends ChannelInboundHandlerAdapter {
        static final Errors INSTANCE = new Errors();
        private static final Logger log = LoggerFactory.getLogger(Errors.class);

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 stream or connection closed after: {}", cause.toString());
            if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
                ctx.close();
            }
        }
    }
}
