package org.chapar.server.gateway;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Error;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletionException;

/**
 * Decodes each binary frame into a ClientFrame, checks it, dispatches it and writes the answer.
 * Every failure becomes an Error frame for this connection only; handlers never block the loop.
 */
final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);
    private static final int MAX_IN_FLIGHT = 256;

    /** Field 1 of ClientFrame, the request id, as a varint. */
    private static final int ID_TAG = ClientFrame.ID_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_VARINT;

    /** A tag byte and the longest varint: all a frame's id can take at its start. */
    private static final int ID_PREFIX_BYTES = 11;

    private final Dispatcher dispatcher;
    private final ConnectionRegistry registry;
    private final RateLimiter requestLimiter;
    private final RateLimiter userRequestLimiter;
    private final RateLimiter preLoginLimiter;
    private final int maxFrameBytes;
    private final int maxQueuedBytes;
    private Connection connection;
    private RequestContext context;
    private int inFlight;

    FrameHandler(
            Dispatcher dispatcher,
            ConnectionRegistry registry,
            RateLimiter requestLimiter,
            RateLimiter userRequestLimiter,
            RateLimiter preLoginLimiter,
            int maxFrameBytes,
            int maxQueuedBytes) {
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.requestLimiter = requestLimiter;
        this.userRequestLimiter = userRequestLimiter;
        this.preLoginLimiter = preLoginLimiter;
        this.maxFrameBytes = maxFrameBytes;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new Connection(ctx.channel(), maxQueuedBytes);
        context = new RequestContext(connection, registry);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof BinaryWebSocketFrame)) {
            connection.send(
                    error(
                            0,
                            ErrorCode.MALFORMED_FRAME,
                            "Frames are binary protobuf ClientFrames",
                            0));
            return;
        }
        ByteBuf content = frame.content();
        if (content.readableBytes() > maxFrameBytes) {
            connection.send(
                    error(
                            leadingId(content),
                            ErrorCode.FRAME_TOO_LARGE,
                            "Frame of "
                                    + content.readableBytes()
                                    + " bytes is over the limit of "
                                    + maxFrameBytes,
                            0));
            return;
        }
        ClientFrame request;
        try {
            request = ClientFrame.parseFrom(new ByteBufInputStream(content));
        } catch (InvalidProtocolBufferException e) {
            connection.send(
                    error(0, ErrorCode.MALFORMED_FRAME, "Not a ClientFrame: " + e.getMessage(), 0));
            return;
        } catch (IOException e) {
            connection.send(error(0, ErrorCode.MALFORMED_FRAME, "Unreadable frame", 0));
            return;
        }
        long id = request.getId();
        if (id == 0) {
            connection.send(error(0, ErrorCode.BAD_REQUEST, "A request needs a non-zero id", 0));
            return;
        }
        if (request.getRequestCase() == ClientFrame.RequestCase.REQUEST_NOT_SET) {
            connection.send(
                    error(
                            id,
                            ErrorCode.UNKNOWN_REQUEST,
                            "Unknown request: this server speaks layer " + Gateway.LAYER,
                            0));
            return;
        }
        Dispatcher.Route route = dispatcher.route(request.getRequestCase());
        if (route == null) {
            connection.send(
                    error(
                            id,
                            ErrorCode.UNKNOWN_REQUEST,
                            "This server does not serve " + request.getRequestCase(),
                            0));
            return;
        }
        if (route.needsAuth() && connection.session() == null) {
            connection.send(error(id, ErrorCode.AUTH_REQUIRED, "Log in or authenticate first", 0));
            return;
        }
        long wait = budget(connection.session());
        if (wait > 0) {
            connection.send(error(id, ErrorCode.FLOOD_WAIT, "Too many requests", wait));
            return;
        }
        if (inFlight >= MAX_IN_FLIGHT) {
            connection.send(
                    error(
                            id,
                            ErrorCode.FLOOD_WAIT,
                            "Too many requests in flight on this connection",
                            100));
            return;
        }
        inFlight++;
        try {
            route.handler()
                    .handle(context, request)
                    .whenComplete(
                            (body, failure) ->
                                    answer(
                                            failure == null
                                                    ? body.setId(id).build()
                                                    : toError(id, failure)));
        } catch (RuntimeException e) {
            answer(toError(id, e));
        }
    }

    /**
     * A request stays in flight until its answer is written to the socket, not merely queued: a
     * client that does not read keeps its requests in flight and is refused new ones. The listener
     * runs on the event loop, the only thread that touches {@code inFlight}. An answer completed
     * after the loop has stopped (a write committed while the server shuts down) is dropped: its
     * connection is closed, and the client sends the request again on its next one.
     */
    private void answer(ServerFrame answer) {
        if (connection.eventLoop().isShuttingDown()) {
            log.debug("answer dropped: the server is stopping");
            return;
        }
        // written from the completing thread, not handed to the loop as a task: Netty counts a
        // write submitted from outside the loop against the channel's buffer at once, which is
        // what bounds the answers of a client that does not read
        connection.send(answer).addListener(written -> inFlight--);
    }

    /**
     * Takes this request from its budgets; the milliseconds to wait if one is spent. A session's
     * requests count against the session and against its account, so that opening more sessions
     * does not multiply what one account may ask; a refusal by the account's budget gives the
     * session's token back.
     */
    private long budget(Connection.AuthSession session) {
        if (session == null) {
            return preLoginLimiter.tryAcquire(connection.address());
        }
        long wait = requestLimiter.tryAcquire(session.sessionId());
        if (wait > 0) {
            return wait;
        }
        wait = userRequestLimiter.tryAcquire(session.userId());
        if (wait > 0) {
            requestLimiter.release(session.sessionId());
        }
        return wait;
    }

    private static ServerFrame toError(long id, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof ApiException api) {
            return error(id, api.code(), api.getMessage(), api.retryAfterMs());
        }
        log.error("request failed", cause);
        return error(id, ErrorCode.INTERNAL, "Internal error; the request may be retried", 0);
    }

    /**
     * The request id of a frame too large to parse, read from its first bytes: encoders write
     * fields in number order, so the id leads. 0 when the frame does not start with it, and the
     * refusal is then a push.
     */
    private static long leadingId(ByteBuf content) {
        int n = Math.min(content.readableBytes(), ID_PREFIX_BYTES);
        CodedInputStream in =
                CodedInputStream.newInstance(content.nioBuffer(content.readerIndex(), n));
        try {
            return in.readTag() == ID_TAG ? in.readUInt64() : 0;
        } catch (IOException truncatedOrNotAVarint) {
            return 0;
        }
    }

    static ServerFrame error(long id, ErrorCode code, String message, long retryAfterMs) {
        return ServerFrame.newBuilder()
                .setId(id)
                .setError(
                        Error.newBuilder()
                                .setCode(code)
                                .setMessage(message)
                                .setRetryAfterMs(retryAfterMs))
                .build();
    }

    /**
     * Stops reading from a connection whose writes are not draining, so that it cannot ask for more
     * than it takes, and reads again once it has caught up.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        connection.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            // closed at once: a client that stopped reading would never let the close frame out
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "idle"));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.detach(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Protocol violations below us (bad handshake, oversized frame) close the connection;
        // the cause says nothing we need to keep about the client.
        log.debug("connection closed after: {}", cause.toString());
        ctx.close();
    }
}
