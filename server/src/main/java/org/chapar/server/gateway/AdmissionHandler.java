package org.chapar.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection to its deadlines and to the caps of {@link Admission} until it logs in: an
 * HTTP request's line and headers (the WebSocket upgrade included) within the request deadline,
 * then its body at a minimum rate ({@link #MIN_BODY_BYTES} in each request-deadline window, so an
 * upload of any size over a slow link goes through), then login within the login deadline. The idle
 * timeout alone is not enough, as any byte restarts it: a request trickled a byte a minute, or a
 * WebSocket that pings but never logs in, would be held for ever.
 *
 * <p>Sits after the HTTP codec, so a {@link LastHttpContent} means the request (its body too) has
 * been read, and before the {@link HttpRouter}, which hands the upgrade request to the WebSocket
 * handshake while that last part passes through: so it sees the upgrade happen.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {
    private final Admission admission;
    private final ConnectionLimits limits;
    private Object address;
    private ScheduledFuture<?> deadline;
    private boolean upgraded;
    // in a request's body: the bytes that came in the current window
    private boolean inBody;
    private long windowBytes;

    /**
     * A body must bring at least this much in each request-deadline window (800 bytes a second with
     * the default 10 s: slower than the worst mobile link that still carries a messenger).
     */
    static final int MIN_BODY_BYTES = 8 * 1024;

    AdmissionHandler(Admission admission, ConnectionLimits limits) {
        this.admission = admission;
        this.limits = limits;
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
        ctx.fireChannelRead(msg);
        if (!ctx.channel().isActive()) {
            return;
        }
        // the handshake put a WebSocket decoder in place of the HTTP one: now it has to log in;
        // otherwise the next request on a kept-alive connection has its own deadline
        upgraded = ctx.pipeline().get(WebSocketFrameDecoder.class) != null;
        arm(ctx, upgraded ? limits.loginDeadline() : limits.requestDeadline());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
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
