package org.chapar.bench.driver.chapar;

import com.google.protobuf.CodedOutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.collection.LongObjectHashMap;

import org.chapar.bench.load.LoadGenerator;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.protocol.ServerFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebSocket connection speaking Chapar frames. Requests get the next id and a future that the
 * matching ServerFrame completes; frames with id 0 go to the push listener. All state is touched
 * only on the channel's event loop.
 */
public final class ChaparConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** The server closes connections silent for 120 s; a quiet client pings well before. */
    private static final int KEEPALIVE_SECONDS = 45;

    private final LongObjectHashMap<CompletableFuture<ServerFrame>> pending =
            new LongObjectHashMap<>();
    private final CompletableFuture<ChaparConnection> ready = new CompletableFuture<>();
    private final Consumer<ServerFrame> pushes;
    private Channel channel;
    private long nextId = 1;

    private ChaparConnection(Consumer<ServerFrame> pushes) {
        super(false);
        this.pushes = pushes;
    }

    /** Connects and completes the WebSocket handshake. */
    public static CompletableFuture<ChaparConnection> open(
            LoadGenerator generator,
            URI ws,
            Optional<SslContext> tls,
            Consumer<ServerFrame> pushes,
            int loop) {
        ChaparConnection conn = new ChaparConnection(pushes);
        WebSocketClientProtocolConfig config =
                WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(ws)
                        .version(WebSocketVersion.V13)
                        .maxFramePayloadLength(4 << 20)
                        .handshakeTimeoutMillis(30_000)
                        .dropPongFrames(true)
                        .build();
        generator
                .connect(
                        new InetSocketAddress(ws.getHost(), ws.getPort()),
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                conn.channel = ch;
                                // verifies the chain and the host name (endpoint identification)
                                tls.ifPresent(
                                        t ->
                                                ch.pipeline()
                                                        .addLast(
                                                                t.newHandler(
                                                                        ch.alloc(),
                                                                        ws.getHost(),
                                                                        ws.getPort())));
                                ch.pipeline()
                                        .addLast(
                                                new IdleStateHandler(
                                                        0, KEEPALIVE_SECONDS, 0, TimeUnit.SECONDS),
                                                new HttpClientCodec(),
                                                new HttpObjectAggregator(64 * 1024),
                                                new WebSocketClientProtocolHandler(config),
                                                new WebSocketFrameAggregator(4 << 20),
                                                conn);
                            }
                        },
                        loop)
                .addListener(
                        f -> {
                            if (!f.isSuccess()) conn.ready.completeExceptionally(f.cause());
                        });
        // A server that accepts but never completes the handshake must not hang the run.
        conn.ready
                .orTimeout(60, TimeUnit.SECONDS)
                .whenComplete(
                        (c, e) -> {
                            if (e != null && conn.channel != null) conn.channel.close();
                        });
        return conn.ready;
    }

    public Channel channel() {
        return channel;
    }

    /** Sends one request; the future completes with the answer (which may be an error frame). */
    public CompletableFuture<ServerFrame> request(ClientFrame.Builder frame) {
        CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
        LoadGenerator.on(
                channel,
                () -> {
                    if (!channel.isActive()) {
                        answer.completeExceptionally(new ClosedChannelException());
                        return;
                    }
                    long id = nextId++;
                    pending.put(id, answer);
                    ClientFrame built = frame.setId(id).build();
                    int size = built.getSerializedSize();
                    ByteBuf buf = channel.alloc().ioBuffer(size);
                    try {
                        built.writeTo(CodedOutputStream.newInstance(buf.nioBuffer(0, size)));
                    } catch (IOException e) {
                        buf.release();
                        throw new UncheckedIOException(e);
                    }
                    channel.writeAndFlush(new BinaryWebSocketFrame(buf.writerIndex(size)));
                });
        return answer;
    }

    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.close().addListener(f -> closed.complete(null));
        return closed;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (ready.isDone())
                request(ClientFrame.newBuilder().setPing(Ping.getDefaultInstance()));
        } else if (evt
                == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ready.complete(this);
        } else if (evt
                == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ready.completeExceptionally(new IOException("WebSocket handshake timed out"));
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame msg) throws IOException {
        try {
            if (!(msg instanceof BinaryWebSocketFrame)) return;
            ServerFrame frame = ServerFrame.parseFrom(msg.content().nioBuffer());
            if (frame.getId() == 0) {
                pushes.accept(frame);
                return;
            }
            CompletableFuture<ServerFrame> answer = pending.remove(frame.getId());
            if (answer != null) answer.complete(frame);
        } finally {
            msg.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new ClosedChannelException());
        ClosedChannelException closed = new ClosedChannelException();
        pending.values().forEach(f -> f.completeExceptionally(closed));
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
