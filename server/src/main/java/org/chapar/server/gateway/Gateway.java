package org.chapar.server.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.tls.ServerCertificate;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one listening port: the HTTP routes of {@link HttpRoutes} (the server's pages, later the web
 * client, media and the Bot API) and the app WebSocket at the table's WebSocket path. NIO, or epoll
 * when Netty's native epoll library is on the class path: the build does not ship it (it is served
 * only for an older Netty, and measured it changed nothing here: docs/benchmarks.md, "Issue 20",
 * 2026-12-03). With a certificate the port speaks only TLS (HTTPS and WSS), and every HTTP answer
 * carries HSTS; ALPN then chooses HTTP/2 or HTTP/1.1 ({@link AlpnHandler}, {@link HttpPipelines}).
 * Without one it speaks HTTP/1.1 only.
 */
public final class Gateway implements AutoCloseable {
    /** The protocol layer this server speaks. */
    public static final int LAYER = 1;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final Channel redirectChannel;
    private final Admission admission;
    private final Capacity capacity;

    /**
     * Every open connection, so that closing the gateway closes each one itself: left to the event
     * loops' shutdown, a connection was now and then never closed (its socket stayed open after the
     * loops had ended) and its client waited for answers that could not come.
     */
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public Gateway(
            String host,
            int port,
            Dispatcher dispatcher,
            ConnectionRegistry registry,
            RateLimiter requestLimiter,
            RateLimiter userRequestLimiter,
            RateLimiter preLoginLimiter,
            int maxFrameBytes,
            int idleTimeoutSeconds,
            ConnectionLimits limits,
            Clock clock,
            HttpRoutes routes,
            Optional<ServerCertificate> tls,
            int redirectPort)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelClass =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(0, io);
        // Frames up to 4x the soft limit are read and refused with FRAME_TOO_LARGE; past that the
        // WebSocket codec closes the connection (status 1009) without buffering the frame.
        int hardLimit = Math.max(4 * maxFrameBytes, 1 << 20);
        WebSocketServerProtocolConfig wsConfig =
                WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(routes.webSocketPath())
                        .maxFramePayloadLength(hardLimit)
                        .checkStartsWith(false)
                        .handleCloseFrames(true)
                        .dropPongFrames(true)
                        .build();
        Admission admission = new Admission(limits, clock);
        this.admission = admission;
        Capacity capacity = new Capacity(limits, clock);
        this.capacity = capacity;
        HttpPipelines pipelines =
                new HttpPipelines(
                        routes,
                        capacity,
                        admission,
                        limits,
                        wsConfig,
                        hardLimit,
                        () ->
                                new FrameHandler(
                                        dispatcher,
                                        registry,
                                        requestLimiter,
                                        userRequestLimiter,
                                        preLoginLimiter,
                                        maxFrameBytes,
                                        limits.maxQueuedBytes()),
                        tls.isPresent());
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(channelClass)
                        .option(ChannelOption.SO_BACKLOG, 8192)
                        .handler(new AcceptFailureHandler(admission))
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(
                                ChannelOption.WRITE_BUFFER_WATER_MARK,
                                new WriteBufferWaterMark(64 * 1024, 512 * 1024))
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        children.add(ch);
                                        ChannelPipeline p = ch.pipeline();
                                        // each handshake takes the certificate of the moment
                                        tls.ifPresent(c -> p.addLast(c.newHandler(ch.alloc())));
                                        p.addLast(
                                                new IdleStateHandler(
                                                        idleTimeoutSeconds,
                                                        0,
                                                        0,
                                                        TimeUnit.SECONDS));
                                        // counted and held to its deadline from the first byte
                                        p.addLast(HttpPipelines.ADMISSION, pipelines.admission());
                                        if (tls.isPresent()) {
                                            p.addLast(new AlpnHandler(pipelines));
                                        } else {
                                            pipelines.http1(p);
                                        }
                                    }
                                });
        this.serverChannel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
        this.redirectChannel =
                redirectPort < 0
                        ? null
                        : redirect(channelClass, host, redirectPort, port(), tls).sync().channel();
        tls.ifPresent(ServerCertificate::serving);
    }

    /**
     * The plain port that sends every request to HTTPS and answers ACME's HTTP-01 challenges
     * ({@link HttpsRedirect}).
     */
    private io.netty.channel.ChannelFuture redirect(
            Class<? extends ServerChannel> channelClass,
            String host,
            int port,
            int httpsPort,
            Optional<ServerCertificate> tls) {
        HttpsRedirect redirect = new HttpsRedirect(httpsPort, tls);
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(channelClass)
                .childHandler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                children.add(ch);
                                ch.pipeline()
                                        .addLast(
                                                new IdleStateHandler(10, 0, 0, TimeUnit.SECONDS),
                                                new HttpServerCodec(4096, 8192, 8192),
                                                redirect);
                            }
                        })
                .bind(new InetSocketAddress(host, port));
    }

    /** The plain redirecting port, if there is one. */
    public Optional<Integer> redirectPort() {
        return Optional.ofNullable(redirectChannel)
                .map(c -> ((InetSocketAddress) c.localAddress()).getPort());
    }

    /**
     * What the node's admission of new connections looks like now (for /health, /metrics).
     *
     * @param atLimit a cap on connections not logged in was full or accept() failed within the last
     *     10 seconds
     * @param limited why new WebSockets are refused now (the connection ceiling, the heap), if they
     *     are
     * @param refused WebSocket upgrades refused at the ceiling since start
     */
    public record AdmissionState(
            boolean atLimit,
            int waiting,
            long displaced,
            long acceptFailures,
            Optional<String> limited,
            long refused) {}

    public AdmissionState admission() {
        return new AdmissionState(
                admission.atLimit(Duration.ofSeconds(10)),
                admission.waiting(),
                admission.displaced(),
                admission.acceptFailures(),
                capacity.limit(),
                capacity.refused());
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (redirectChannel != null) {
            redirectChannel.close().syncUninterruptibly();
        }
        children.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
