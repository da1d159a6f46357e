package org.chapar.bench.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Error;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for the Chapar server that speaks just enough of the protocol for every
 * scenario (register, authenticate, send, push, state, difference) and stores nothing durably. It
 * measures the generator's own ceiling ({@code bench/run ... --server null}) and lets the drivers'
 * tests run without the real server. One lock guards all state: it is a yardstick, not a server.
 */
public final class NullServer implements Target {
    private final EventLoopGroup group;
    private final Channel listener;
    private final Map<String, Long> tokens = new HashMap<>();
    private final Map<Long, UserState> users = new HashMap<>();
    private final Map<String, Long> usernames = new HashMap<>();

    private static final class UserState {
        final long id;
        final List<Update> box = new ArrayList<>();
        final List<Channel> online = new ArrayList<>();
        long nextMessageId = 1;

        UserState(long id) {
            this.id = id;
        }
    }

    private NullServer(int threads) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        listener =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 4096)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        new HttpServerCodec(),
                                                        new HttpObjectAggregator(64 * 1024),
                                                        new WebSocketServerProtocolHandler(
                                                                "/ws", null, false, 4 << 20),
                                                        new Session());
                                    }
                                })
                        .bind("127.0.0.1", 0)
                        .sync()
                        .channel();
    }

    public static NullServer start(int threads) throws InterruptedException {
        return new NullServer(threads);
    }

    private final class Session extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
        private long userId;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame msg)
                throws IOException {
            ClientFrame in = ClientFrame.parseFrom(new ByteBufInputStream(msg.content()));
            ServerFrame.Builder out = ServerFrame.newBuilder().setId(in.getId());
            synchronized (NullServer.this) {
                answer(ctx.channel(), in, out);
            }
            send(ctx.channel(), out.build());
        }

        private void answer(Channel ch, ClientFrame in, ServerFrame.Builder out) {
            switch (in.getRequestCase()) {
                case REGISTER -> {
                    String name = in.getRegister().getUsername();
                    if (usernames.containsKey(name)) {
                        error(out, ErrorCode.USERNAME_TAKEN);
                        return;
                    }
                    long id = users.size() + 1L;
                    users.put(id, new UserState(id));
                    usernames.put(name, id);
                    String token = "t" + id + "-" + Long.toHexString(System.nanoTime());
                    tokens.put(token, id);
                    login(ch, id);
                    out.setAuthorization(
                            Authorization.newBuilder()
                                    .setToken(token)
                                    .setSessionId(id)
                                    .setUser(
                                            User.newBuilder()
                                                    .setId(id)
                                                    .setUsername(name)
                                                    .setSelf(true)));
                }
                case AUTHENTICATE -> {
                    Long id = tokens.get(in.getAuthenticate().getToken());
                    if (id == null) {
                        error(out, ErrorCode.AUTH_INVALID);
                        return;
                    }
                    login(ch, id);
                    out.setAuthorization(
                            Authorization.newBuilder()
                                    .setSessionId(id)
                                    .setUser(User.newBuilder().setId(id)));
                }
                case GET_STATE -> out.setState(State.newBuilder().setPts(me().box.size()));
                case GET_DIFFERENCE -> {
                    List<Update> box = me().box;
                    int from = (int) Math.min(in.getGetDifference().getPts(), box.size());
                    int to =
                            Math.min(
                                    box.size(),
                                    from + Math.max(1, in.getGetDifference().getLimit()));
                    out.setDifference(
                            Difference.newBuilder()
                                    .addAllUpdates(box.subList(from, to))
                                    .setState(State.newBuilder().setPts(to))
                                    .setSlice(to < box.size()));
                }
                case SEND_MESSAGE -> {
                    UserState peer = users.get(in.getSendMessage().getPeer().getUserId());
                    if (peer == null) {
                        error(out, ErrorCode.PEER_INVALID);
                        return;
                    }
                    UserState me = me();
                    Message.Builder m =
                            Message.newBuilder()
                                    .setId(me.nextMessageId++)
                                    .setFromId(userId)
                                    .setText(in.getSendMessage().getText())
                                    .setDate(System.currentTimeMillis() / 1000);
                    Update mine =
                            append(
                                    me,
                                    m.clone()
                                            .setOut(true)
                                            .setPeer(Peer.newBuilder().setUserId(peer.id)));
                    Update theirs = append(peer, m.setPeer(Peer.newBuilder().setUserId(userId)));
                    out.setSentMessage(
                            SentMessage.newBuilder()
                                    .setMessage(mine.getNewMessage().getMessage())
                                    .setPts(mine.getPts())
                                    .setPtsCount(1));
                    ServerFrame push =
                            ServerFrame.newBuilder()
                                    .setUpdates(Updates.newBuilder().addUpdates(theirs))
                                    .build();
                    for (Channel c : peer.online) send(c, push);
                }
                default -> error(out, ErrorCode.UNKNOWN_REQUEST);
            }
        }

        private UserState me() {
            if (userId == 0) throw new IllegalStateException("not logged in");
            return users.get(userId);
        }

        private void login(Channel ch, long id) {
            userId = id;
            users.get(id).online.add(ch);
            ch.closeFuture()
                    .addListener(
                            f -> {
                                synchronized (NullServer.this) {
                                    users.get(id).online.remove(ch);
                                }
                            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Update append(UserState user, Message.Builder message) {
        Update u =
                Update.newBuilder()
                        .setPts(user.box.size() + 1L)
                        .setPtsCount(1)
                        .setNewMessage(NewMessage.newBuilder().setMessage(message))
                        .build();
        user.box.add(u);
        return u;
    }

    private static void error(ServerFrame.Builder out, ErrorCode code) {
        out.setError(Error.newBuilder().setCode(code).setMessage(code.name()));
    }

    private static void send(Channel ch, ServerFrame frame) {
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())));
    }

    @Override
    public String name() {
        return "null";
    }

    @Override
    public String version() {
        return "in-memory stand-in";
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
