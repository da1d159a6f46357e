package org.chapar.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.timeout.IdleStateEvent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection to its deadlines and to the caps of {@link Admission} until it logs in: an
 * HTTP request's line and headers (the WebSocket upgrade included) within the request deadline
 * (from connecting, or from the end of the previous answer: an answer itself takes as long as it
 * takes), then its body at a minimum rate ({@link #MIN_BODY_BYTES} in each request-deadline window,
 * so an upload of any size over a slow link goes through), then login within the login deadline.
 * The idle timeout alone is not enough, as any byte restarts it: a request trickled a byte a
 * minute, or a WebSocket that pings but never logs in, would be held for ever.
 *
 * <p>Sits after the HTTP codec, so a {@link LastHttpContent} means the request (its body too) has
 * been read, and before the {@link HttpRouter}, which hands the upgrade request to the WebSocket
 * handshake while that last part passes through: so it sees the upgrade happen.
 *
 * <p>HTTP/2 (ADR 0031) counts streams, not connections, so that one connection is no way around the
 * caps: each stream has a handler of its own (as one HTTP/1.1 request: counted while open, its body
 * held to the rate; no next request, so no deadline once it is read), and the connection's handler
 * counts the connection only while it has no stream open, and closes it when it has had none for
 * the request deadline (as an HTTP/1.1 connection between requests), or when the idle timeout fires
 * ({@link #multiplexed}).
 */
final class AdmissionHandler extends ChannelDuplexHandler {
    private final Admission admission;
    private final ConnectionLimits limits;
    private final boolean stream;
    private boolean multiplexed;
    private Object address;
    private ScheduledFuture<?> deadline;
    private boolean upgraded;
    // a request was read and its answer is not all written yet
    private boolean answering;
    // in a request's body: the bytes that came in the current window
    private boolean inBody;
    private long windowBytes;

    /**
     * A body must bring at least this much in each request-deadline window (800 bytes a second with
     * the default 10 s: slower than the worst mobile link that still carries a messenger).
     */
    static final int MIN_BODY_BYTES = 8 * 1024;

    /** {@code stream}: this handler is one HTTP/2 stream's, a single request. */
    AdmissionHandler(Admission admission, ConnectionLimits limits, boolean stream) {
        this.admission = admission;
        this.limits = limits;
        this.stream = stream;
    }

    /**
     * The connection now speaks HTTP/2 with {@code connection}'s streams, each counted by its own
     * handler: this one counts the connection only while no stream is open. Called on the event
     * loop by the handler that set up HTTP/2.
     */
    void multiplexed(ChannelHandlerContext ctx, Http2Connection connection) {
        multiplexed = true;
        connection.addListener(
                new Http2ConnectionAdapter() {
                    @Override
                    public void onStreamActive(Http2Stream s) {
                        if (connection.numActiveStreams() == 1) {
                            disarm();
                            admission.leave(ctx.channel(), address);
                        }
                    }

                    @Override
                    public void onStreamClosed(Http2Stream s) {
                        if (connection.numActiveStreams() == 0 && ctx.channel().isActive()) {
                            admission.admit(ctx.channel(), address);
                            arm(ctx, limits.requestDeadline());
                        }
                    }
                });
        // the deadline armed at connect still runs: the first request is due within it
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        address = Connection.addressOf(ctx.channel());
        admission.admit(ctx.channel(), address);
        arm(ctx, limits.requestDeadline());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof LastHttpContent)) {
            if (msg instanceof HttpRequest) {
                // line and headers are in: from now on the body is held to a rate, not a deadline
                inBody = true;
                windowBytes = 0;
                arm(ctx, limits.requestDeadline());
            } else if (msg instanceof HttpContent c) {
                windowBytes += c.content().readableBytes();
            }
            ctx.fireChannelRead(msg);
            return;
        }
        inBody = false;
        disarm();
        // no deadline while the route answers (a download, a long poll): the next one is armed
        // once the answer is written; set first, as an answer may be written during the read
        answering = !stream;
        ctx.fireChannelRead(msg);
        if (stream || !ctx.channel().isActive()) {
            return;
        }
        // the handshake put a WebSocket decoder in place of the HTTP one: now it has to log in
        upgraded = ctx.pipeline().get(WebSocketFrameDecoder.class) != null;
        if (upgraded) {
            answering = false;
            arm(ctx, limits.loginDeadline());
        }
    }

    /**
     * The end of an answer: the next request on a kept-alive connection has its own deadline from
     * the moment the answer is out. A 1xx (100 Continue, the WebSocket's 101) is not an answer.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r
                && r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            ctx.write(msg, promise);
            return;
        }
        if (answering && msg instanceof LastHttpContent) {
            answering = false;
            promise = promise.unvoid();
            promise.addListener(
                    f -> {
                        if (ctx.channel().isActive() && !upgraded && !inBody && !answering) {
                            arm(ctx, limits.requestDeadline());
                        }
                    });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (multiplexed && evt instanceof IdleStateEvent) {
            ctx.channel().close(); // through the HTTP/2 codec, which says GOAWAY first
            return;
        }
        if (evt == Connection.SessionChange.LOGGED_IN) {
            disarm();
            admission.leave(ctx.channel(), address);
        } else if (evt == Connection.SessionChange.LOGGED_OUT && ctx.channel().isActive()) {
            admission.admit(ctx.channel(), address);
            arm(ctx, limits.loginDeadline());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        admission.leave(ctx.channel(), address);
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx, Duration after) {
        disarm();
        deadline =
                ctx.executor().schedule(() -> expire(ctx), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        // a body that keeps its rate gets another window (a route's backpressure pauses reading
        // for as long as a chunk takes to reach the disk, well within a window)
        if (inBody && windowBytes >= MIN_BODY_BYTES) {
            windowBytes = 0;
            arm(ctx, limits.requestDeadline());
            return;
        }
        if (multiplexed) {
            ctx.channel().close(); // through the HTTP/2 codec, which says GOAWAY first
            return;
        }
        if (!upgraded) {
            ctx.close();
            return;
        }
        // closed at once, not after the close frame is written: that may never happen
        ctx.channel()
                .writeAndFlush(
                        new CloseWebSocketFrame(
                                WebSocketCloseStatus.POLICY_VIOLATION, "log in sooner"));
        ctx.channel().close();
    }
}
