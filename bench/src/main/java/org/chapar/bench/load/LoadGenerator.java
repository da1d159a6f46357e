package org.chapar.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
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

    public LoadGenerator(int threads, SourceAddresses sources, int maxConnecting) {
        this.threads = threads;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sources = sources;
        this.connecting = new Semaphore(maxConnecting);
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
        connecting.acquireUninterruptibly();
        ChannelFuture f =
                new Bootstrap()
                        .group(group)
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
