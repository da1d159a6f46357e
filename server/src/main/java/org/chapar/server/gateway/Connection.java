package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.TooLong;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's WebSocket connection and the session it is logged in with. Live pushes to a
 * connection that cannot keep up are dropped, not queued without bound; once it drains, it is told
 * {@code too_long} and fills the hole with GetDifference.
 */
public final class Connection {
    private static final byte[] TOO_LONG =
            ServerFrame.newBuilder()
                    .setUpdates(
                            Updates.newBuilder()
                                    .addUpdates(
                                            Update.newBuilder()
                                                    .setTooLong(TooLong.getDefaultInstance())))
                    .build()
                    .toByteArray();

    private final Channel channel;
    private final Object address;
    private volatile AuthSession session;
    private final AtomicBoolean dropped = new AtomicBoolean();

    /** The account and device session a connection is logged in with. */
    public record AuthSession(long userId, long sessionId) {}

    Connection(Channel channel, Object address) {
        this.channel = channel;
        this.address = address;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** The peer address, for rate limits only: it is never logged or stored. */
    public Object address() {
        return address;
    }

    public AuthSession session() {
        return session;
    }

    void setSession(AuthSession session) {
        this.session = session;
    }

    void send(ServerFrame frame) {
        channel.writeAndFlush(
                new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())));
    }

    /** Pushes an encoded ServerFrame, or drops it if the connection is backed up. */
    void push(byte[] encoded) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            dropped.set(true);
            return;
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encoded)));
    }

    void writabilityChanged() {
        if (channel.isWritable() && dropped.compareAndSet(true, false)) {
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(TOO_LONG)));
        }
    }

    /** Sends the frame, then closes the WebSocket with a normal close status. */
    void sendAndClose(byte[] encoded, String reason) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encoded)));
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, reason))
                .addListener(ChannelFutureListener.CLOSE);
    }

    boolean isOpen() {
        return channel.isActive();
    }
}
