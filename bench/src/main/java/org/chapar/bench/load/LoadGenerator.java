package org.chapar.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Owns the client event loops. Every connection is a non-blocking socket on one of a few threads,
 * bound to the next source address; at most {@code maxConnecting} TCP handshakes are in flight so
 * the server's accept backlog is not overrun while thousands connect at once.
 */
public final class LoadGenerator implements AutoCloseable {
    private final EventLoopGroup group;
    private final SourceAddresses sources;
    private final Semaphore connecting;
    private final int threads;
    private final List<EventLoop> loops = new ArrayList<>();

    /** {@link #connect(InetSocketAddress, ChannelHandler, int)}: on whichever loop is next. */
    public static final int ANY_LOOP = -1;

    public LoadGenerator(int threads, SourceAddresses sources, int maxConnecting) {
        this.threads = threads;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sources = sources;
        this.connecting = new Semaphore(maxConnecting);
        group.forEach(e -> loops.add((EventLoop) e));
    }

    public EventLoopGroup group() {
        return group;
    }

    public int threads() {
        return threads;
    }

    /**
     * Connects one socket with the given pipeline. The returned future completes when TCP is up;
     * the handshake permit is returned then (or on failure).
     */
    public ChannelFuture connect(InetSocketAddress remote, ChannelHandler initializer) {
        return connect(remote, initializer, ANY_LOOP);
    }

    /**
     * The same on event loop {@code loop} (modulo the threads), or the next one for {@link
     * #ANY_LOOP}: clients that talk to each other (the two of a direct-message pair) share a loop,
     * so that one's delivery starts the other's send without a hand-over between threads.
     */
    public ChannelFuture connect(InetSocketAddress remote, ChannelHandler initializer, int loop) {
        connecting.acquireUninterruptibly();
        ChannelFuture f =
                new Bootstrap()
                        .group(loop < 0 ? group : loops.get(loop % loops.size()))
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                        .option(
                                ChannelOption.WRITE_BUFFER_WATER_MARK,
                                new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                        .handler(initializer)
                        .connect(remote, sources.next());
        f.addListener(done -> connecting.release());
        return f;
    }

    /** Runs a task on the event loop that serves the channel. */
    public static void on(Channel ch, Runnable task) {
        if (ch.eventLoop().inEventLoop()) task.run();
        else ch.eventLoop().execute(task);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
