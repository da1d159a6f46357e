package org.chapar.server.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

import org.chapar.server.gateway.HttpRoutes.Route;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Serves one connection's HTTP requests from the {@link HttpRoutes} table, one request at a time;
 * on HTTP/2 each stream has its own router, for its one request.
 *
 * <p>Implementation note: while a request is being handled the channel does not read by itself
 * (autoRead off); the {@link HttpRouterQueue} asks for the next read only when the router has taken
 * what the last read brought, so memory per connection is bounded by one read, whatever the body's
 * size. Small bodies are gathered up to their route's limit, streamed ones go to their route chunk
 * by chunk ({@link HttpRouterStream}); a body past its limit is answered 413 ({@link
 * HttpRouterErrors}) and the connection closed, as its rest is never read.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {

    private enum State {
        IDLE,
        UPGRADE,
        SMALL,
        STREAM,
        FILES,
        DISCARD
    }

    private final HttpRoutes routes;
    private final Capacity capacity;
    private final HttpRouterQueue queue = new HttpRouterQueue(this::handle);
    private State state = State.IDLE;
    private HttpRequest request;
    private String path;
    private Route route;
    private boolean keepAlive;
    private FullHttpResponse refusal;
    private CompositeByteBuf body;

    /** The streamed body being read; null once the connection closed. */
    private HttpRouterStream upload;

    HttpRouter(HttpRoutes routes, Capacity capacity) {
        this.routes = routes;
        this.capacity = capacity;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject o) {
            queue.offer(ctx, o);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        queue.readComplete(ctx, state == State.IDLE);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (upload != null) {
            upload.abort();
            upload = null;
        }
        releaseBody();
        ReferenceCountUtil.release(refusal);
        refusal = null;
        queue.release();
        ctx.fireChannelInactive();
    }

    private void handle(ChannelHandlerContext ctx, HttpObject o) {
        if (o instanceof HttpRequest r) {
            start(ctx, r);
        }
        if (o instanceof HttpContent c) {
            content(ctx, c);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest r) {
        ctx.channel().config().setAutoRead(false);
        request = r;
        keepAlive = HttpUtil.isKeepAlive(r);
        if (!r.decoderResult().isSuccess()) {
            closeWith(ctx, HttpRouterErrors.malformed("request"));
            return;
        }
        path = new QueryStringDecoder(r.uri()).path();
        Optional<Map<HttpMethod, Route>> byMethod = routes.find(path);
        if (byMethod.isEmpty()) {
            refuse(ctx, HttpReply.notFound().response());
            return;
        }
        route = byMethod.get().get(r.method());
        if (route == null) {
            refuse(ctx, HttpRouterErrors.notAllowed(byMethod.get().keySet()));
            return;
        }
        long max =
                switch (route) {
                    case Route.Small s -> s.maxBody();
                    case Route.Streaming s -> s.maxBody();
                    default -> 0;
                };
        if (HttpUtil.getContentLength(r, -1L) > max) {
            refuse(ctx, HttpRouterErrors.tooLarge(max));
            return;
        }
        if (route instanceof Route.WebSocket && ctx.channel() instanceof Http2StreamChannel) {
            refuse(ctx, HttpRouterErrors.webSocketNeedsHttp1());
            return;
        }
        if (route instanceof Route.WebSocket) {
            Optional<String> full = capacity.admit(ctx.channel());
            if (full.isPresent()) {
                keepAlive = false; // answered, then closed: the open connections keep the room
                refuse(ctx, HttpRouterErrors.busy(full.get(), Capacity.RETRY_AFTER_SECONDS));
                return;
            }
        }
        if (max > 0 && HttpUtil.is100ContinueExpected(r) && !(route instanceof Route.Streaming)) {
            continueBody(ctx);
        }
        switch (route) {
            case Route.WebSocket w -> state = State.UPGRADE;
            case Route.Small s -> {
                state = State.SMALL;
                body = ctx.alloc().compositeBuffer();
            }
            case Route.Streaming s -> {
                state = State.STREAM;
                open(ctx, s);
            }
            case Route.Files f -> state = State.FILES;
        }
    }

    private void content(ChannelHandlerContext ctx, HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (!c.decoderResult().isSuccess() && state != State.IDLE) {
            c.release();
            if (upload != null) {
                upload.abort();
                upload = null;
            }
            releaseBody();
            closeWith(ctx, HttpRouterErrors.malformed("body"));
            return;
        }
        switch (state) {
            case UPGRADE -> {
                c.release();
                if (last) {
                    upgrade(ctx);
                }
            }
            case SMALL -> {
                int max = ((Route.Small) route).maxBody();
                if (body.readableBytes() + (long) c.content().readableBytes() > max) {
                    c.release();
                    releaseBody();
                    closeWith(ctx, HttpRouterErrors.tooLarge(max));
                    return;
                }
                body.addComponent(true, c.content().retain());
                c.release();
                if (last) {
                    byte[] bytes = ByteBufUtil.getBytes(body);
                    releaseBody();
                    Route.Small small = (Route.Small) route;
                    await(ctx, () -> small.handler().handle(call(bytes)));
                }
            }
            case STREAM -> stream(ctx, c, last);
            case FILES -> {
                c.release();
                if (last) {
                    Route.Files files = (Route.Files) route;
                    String rest = path.substring(files.prefix().length());
                    queue.hold();
                    files.files()
                            .answer(request, rest)
                            .whenCompleteAsync((a, e) -> writeFile(ctx, a, e), ctx.executor());
                }
            }
            case DISCARD -> {
                c.release();
                if (last) {
                    FullHttpResponse r = refusal;
                    refusal = null;
                    respond(ctx, r);
                }
            }
            case IDLE -> c.release();
        }
    }

    /**
     * Opens the streaming route's upload; nothing more of the request is handled until it is open,
     * and a refusal answers without reading the body.
     */
    private void open(ChannelHandlerContext ctx, Route.Streaming s) {
        queue.hold();
        CompletableFuture<HttpRoutes.Upload> opened;
        try {
            opened = s.handler().open(call(new byte[0]));
        } catch (RuntimeException e) {
            opened = CompletableFuture.failedFuture(e);
        }
        boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
        opened.whenCompleteAsync(
                (u, e) -> {
                    queue.free();
                    if (!ctx.channel().isActive()) {
                        if (u != null) {
                            u.abort();
                        }
                        return;
                    }
                    if (e != null) {
                        closeWith(ctx, HttpRouterErrors.internal(e));
                    } else if (u instanceof HttpRoutes.Immediate now) {
                        refuse(ctx, now.reply().response());
                        resume(ctx);
                    } else {
                        upload = new HttpRouterStream(s.maxBody(), u);
                        if (expectsContinue) {
                            continueBody(ctx);
                        }
                        resume(ctx);
                    }
                },
                ctx.executor());
    }

    private static void continueBody(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }

    /** One chunk to the upload; the next is taken when its future completes. */
    private void stream(ChannelHandlerContext ctx, HttpContent c, boolean last) {
        int n = c.content().readableBytes();
        if (!upload.fits(n)) {
            c.release();
            upload.abort();
            long max = upload.max();
            upload = null;
            closeWith(ctx, HttpRouterErrors.tooLarge(max));
            return;
        }
        if (n == 0) {
            c.release();
            if (last) {
                await(ctx, upload::end);
            }
            return;
        }
        queue.hold();
        upload.chunk(c.content())
                .whenCompleteAsync(
                        (v, e) -> {
                            c.release();
                            queue.free();
                            if (upload == null) {
                                return; // the connection closed meanwhile
                            }
                            if (e != null) {
                                upload.abort();
                                upload = null;
                                closeWith(ctx, HttpRouterErrors.internal(e));
                            } else if (last) {
                                await(ctx, upload::end);
                            } else {
                                resume(ctx);
                            }
                        },
                        ctx.executor());
    }

    /** Runs a handler and writes its reply when it completes. */
    private void await(ChannelHandlerContext ctx, Supplier<CompletableFuture<HttpReply>> handler) {
        queue.hold();
        CompletableFuture<HttpReply> reply;
        try {
            reply = handler.get();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenCompleteAsync(
                (r, e) -> {
                    queue.free();
                    upload = null;
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (e == null && r.file() != null) {
                        boolean head = HttpMethod.HEAD.equals(request.method());
                        finish(ctx, r.fileAnswer().write(ctx, keepAlive, head));
                    } else {
                        respond(ctx, e == null ? r.response() : HttpRouterErrors.internal(e));
                    }
                },
                ctx.executor());
    }

    private void upgrade(ChannelHandlerContext ctx) {
        HttpRequest r = request;
        finishRequest();
        ctx.channel().config().setAutoRead(true);
        ctx.fireChannelRead(
                new DefaultFullHttpRequest(
                        r.protocolVersion(),
                        r.method(),
                        r.uri(),
                        Unpooled.EMPTY_BUFFER,
                        r.headers(),
                        EmptyHttpHeaders.INSTANCE));
        if (ctx.pipeline().get(WebSocketFrameDecoder.class) != null) {
            ctx.pipeline().remove(this); // frames from here on; nothing HTTP is left to route
        }
    }

    private void writeFile(ChannelHandlerContext ctx, Optional<StaticFiles.Answer> a, Throwable e) {
        queue.free();
        if (!ctx.channel().isActive()) {
            return;
        }
        if (e != null || a.isEmpty()) {
            respond(
                    ctx,
                    e != null ? HttpRouterErrors.internal(e) : HttpReply.notFound().response());
        } else if (a.get().status().equals(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE)) {
            respond(ctx, a.get().rangeError());
        } else {
            finish(ctx, a.get().write(ctx, keepAlive, HttpMethod.HEAD.equals(request.method())));
        }
    }

    /**
     * Answers with an error once the request's body has ended, or at once (closing the connection)
     * when a body is coming that will not be read.
     */
    private void refuse(ChannelHandlerContext ctx, FullHttpResponse r) {
        route = null;
        if (HttpUtil.getContentLength(request, 0L) > 0
                || HttpUtil.isTransferEncodingChunked(request)) {
            closeWith(ctx, r);
        } else {
            refusal = r;
            state = State.DISCARD;
        }
    }

    private void closeWith(ChannelHandlerContext ctx, FullHttpResponse r) {
        keepAlive = false;
        respond(ctx, r);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse r) {
        HttpUtil.setKeepAlive(r, keepAlive);
        finish(ctx, ctx.writeAndFlush(r));
    }

    private void finish(ChannelHandlerContext ctx, ChannelFuture written) {
        finishRequest();
        if (!keepAlive) {
            written.addListener(
                    ctx.channel() instanceof Http2StreamChannel
                            ? HttpPipelines.END_STREAM
                            : ChannelFutureListener.CLOSE);
            return;
        }
        resume(ctx);
    }

    private void finishRequest() {
        state = State.IDLE;
        request = null;
        route = null;
        path = null;
    }

    private void resume(ChannelHandlerContext ctx) {
        queue.resume(ctx, () -> state == State.IDLE);
    }

    private HttpRoutes.Call call(byte[] bytes) {
        return new HttpRoutes.Call(request.method(), path, request.uri(), request.headers(), bytes);
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
