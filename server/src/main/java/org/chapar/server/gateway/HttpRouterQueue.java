package org.chapar.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The order of one connection's HTTP messages for the {@link HttpRouter}: one request is handled at
 * a time. While the router is busy (a route is working on a request, a body or a chunk) nothing is
 * handed to it; what a read brought meanwhile (pipelined requests, the next chunk) waits here, in
 * order. Inside a request the channel does not read by itself: a read is asked for only when the
 * last one's messages were taken, so what waits is bounded by one read, whatever the body's size.
 */
final class HttpRouterQueue {
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private final BiConsumer<ChannelHandlerContext, HttpObject> handle;
    private boolean busy;

    /** {@code handle}: the router's handling of one message. */
    HttpRouterQueue(BiConsumer<ChannelHandlerContext, HttpObject> handle) {
        this.handle = handle;
    }

    /** Hands {@code o} to the router now, or queues it behind what waits or is being handled. */
    void offer(ChannelHandlerContext ctx, HttpObject o) {
        if (busy || !waiting.isEmpty()) {
            waiting.add(o);
        } else {
            handle.accept(ctx, o);
        }
    }

    boolean busy() {
        return busy;
    }

    /** A route is working: nothing more is handed over until {@link #free}. */
    void hold() {
        busy = true;
    }

    void free() {
        busy = false;
    }

    /** A read ended: inside a request, a free router reads on. */
    void readComplete(ChannelHandlerContext ctx, boolean betweenRequests) {
        if (!busy && !betweenRequests && ctx.channel().isActive()) {
            ctx.read();
        }
    }

    /**
     * Hands over what waits while the router is free, then reads on: by itself between requests,
     * one read at a time inside one. {@code betweenRequests} is asked after the handing over.
     */
    void resume(ChannelHandlerContext ctx, BooleanSupplier betweenRequests) {
        while (!busy && !waiting.isEmpty() && ctx.channel().isActive()) {
            handle.accept(ctx, waiting.poll());
        }
        if (busy || !ctx.channel().isActive()) {
            return;
        }
        if (betweenRequests.getAsBoolean()) {
            ctx.channel().config().setAutoRead(true);
        } else {
            ctx.read();
        }
    }

    /** The connection closed: what waits is dropped. */
    void release() {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }
}
