package org.chapar.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.TooLong;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's WebSocket connection and the session it is logged in with. Live pushes to a
 * connection that cannot keep up are dropped, not queued without bound; once it drains, it is told
 * {@code too_long} and fills the hole with GetDifference. Answers cannot be dropped, so a
 * connection that lets more than {@code maxQueuedBytes} of them pile up beyond its write buffer's
 * high water mark is closed: it is not reading, and every byte waiting for it is server memory.
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

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Channel channel;
    private final Object address;
    private final int maxQueuedBytes;
    private volatile AuthSession session;
    private final AtomicBoolean dropped = new AtomicBoolean();

    /** The account and device session a connection is logged in with. */
    public record AuthSession(long userId, long sessionId) {}

    /** Fired down the channel's pipeline when the connection logs in or out. */
    enum SessionChange {
        LOGGED_IN,
        LOGGED_OUT
    }

    Connection(Channel channel, int maxQueuedBytes) {
        this.channel = channel;
        this.address = addressOf(channel);
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** The key of the peer's address for limits: its IP address, without the port. */
    static Object addressOf(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress();
        }
        return "unknown";
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
        boolean changed = (this.session == null) != (session == null);
        this.session = session;
        if (changed && channel.isActive()) {
            SessionChange change =
                    session != null ? SessionChange.LOGGED_IN : SessionChange.LOGGED_OUT;
            channel.eventLoop().execute(() -> channel.pipeline().fireUserEventTriggered(change));
        }
    }

    /**
     * Writes an answer; the future completes once it is written to the socket. Closes the
     * connection instead if too much is already waiting for it.
     */
    ChannelFuture send(ServerFrame frame) {
        byte[] encoded = frame.toByteArray();
        if (channel.bytesBeforeWritable() > maxQueuedBytes - encoded.length) {
            log.debug("closing a connection that does not read its answers");
            return channel.close();
        }
        return channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encoded)));
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

    /** Tells the client that pushes may be missing: it fetches the difference (TooLong). */
    void catchUp() {
        if (channel.isActive()) {
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
