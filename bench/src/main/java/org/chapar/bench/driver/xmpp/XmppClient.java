package org.chapar.bench.driver.xmpp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.load.LoadGenerator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One XMPP c2s session: stream, SASL PLAIN, stream restart, bind, (session), initial presence; then
 * chat and groupchat messages. Bodies of incoming messages go to the inbox; iq results and MUC
 * self-presence complete the futures waiting for them.
 */
public final class XmppClient extends SimpleChannelInboundHandler<String> implements BenchClient {
    private enum Phase {
        AUTH,
        BIND,
        READY
    }

    private static final int LOGIN_TIMEOUT_SECONDS = 60;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(XmppClient.class);

    private final Account account;
    private final String domain;
    private final Inbox inbox;
    private final CompletableFuture<BenchClient> ready = new CompletableFuture<>();
    private final Map<String, CompletableFuture<String>> waiting = new HashMap<>();
    private final XmppFramer framer = new XmppFramer();
    private Channel channel;
    private Phase phase = Phase.AUTH;
    private String last = "nothing";
    private long nextId;

    private XmppClient(Account account, String domain, Inbox inbox) {
        this.account = account;
        this.domain = domain;
        this.inbox = inbox;
    }

    static CompletableFuture<BenchClient> open(
            LoadGenerator generator,
            InetSocketAddress server,
            String domain,
            Account account,
            Inbox inbox,
            int loop) {
        XmppClient client = new XmppClient(account, domain, inbox);
        generator
                .connect(
                        server,
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                client.channel = ch;
                                ch.pipeline().addLast(client.framer, client);
                            }
                        },
                        loop)
                .addListener(
                        f -> {
                            if (!f.isSuccess()) client.ready.completeExceptionally(f.cause());
                        });
        // A server that accepts but never answers must not hang the run.
        client.ready
                .orTimeout(LOGIN_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete(
                        (c, e) -> {
                            if (e instanceof java.util.concurrent.TimeoutException) {
                                log.debug(
                                        "login of {} timed out in phase {} after {}",
                                        account.username(),
                                        client.phase,
                                        client.last);
                            }
                            if (e != null && client.channel != null) client.channel.close();
                        });
        return client.ready;
    }

    public String jid() {
        return account.username() + "@" + domain;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        openStream();
        super.channelActive(ctx);
    }

    private void openStream() {
        write(
                "<?xml version='1.0'?><stream:stream to='"
                        + domain
                        + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String stanza) {
        if (phase != Phase.READY) last = stanza;
        if (stanza.startsWith("<message")) {
            String body = Xml.element(stanza, "body");
            if (body != null && !stanza.contains("<delay"))
                inbox.delivered(this, body, System.nanoTime());
            return;
        }
        if (stanza.startsWith("<iq") || stanza.startsWith("<presence")) {
            String id = Xml.attribute(stanza, "id");
            CompletableFuture<String> w = id == null ? null : waiting.remove(id);
            if (w != null) {
                if ("error".equals(Xml.attribute(stanza, "type")))
                    w.completeExceptionally(new IOException("XMPP error: " + stanza));
                else w.complete(stanza);
            }
            if (stanza.startsWith("<iq") && "get".equals(Xml.attribute(stanza, "type"))) {
                // Answer pings and anything else with an empty result so the server keeps us.
                write(
                        "<iq type='result' id='"
                                + Xml.escape(id == null ? "" : id)
                                + "' to='"
                                + Xml.escape(String.valueOf(Xml.attribute(stanza, "from")))
                                + "'/>");
            }
            return;
        }
        handshake(stanza);
    }

    private void handshake(String stanza) {
        if (stanza.startsWith("<?xml") || stanza.startsWith("<stream:stream")) return;
        if (stanza.startsWith("<stream:features")) {
            if (phase == Phase.AUTH) {
                if (!stanza.contains(">PLAIN<")) {
                    fail("server does not offer SASL PLAIN: " + stanza);
                    return;
                }
                String creds = "\0" + account.username() + "\0" + account.password();
                write(
                        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                                + Base64.getEncoder()
                                        .encodeToString(creds.getBytes(StandardCharsets.UTF_8))
                                + "</auth>");
            } else if (phase == Phase.BIND) {
                boolean session =
                        stanza.contains("xmpp-session") && !stanza.contains("<optional/>");
                iq("<iq type='set' id='%s'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind></iq>")
                        .thenCompose(
                                r ->
                                        session
                                                ? iq(
                                                        "<iq type='set' id='%s'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>")
                                                : CompletableFuture.completedFuture(r))
                        .whenComplete(
                                (r, e) -> {
                                    if (e != null) {
                                        fail("bind failed: " + e.getMessage());
                                        return;
                                    }
                                    phase = Phase.READY;
                                    write("<presence/>");
                                    // The server handles a session's stanzas in order: once this
                                    // ping is
                                    // answered the presence is in effect and messages to the bare
                                    // JID
                                    // come here live instead of going to offline storage.
                                    iq("<iq type='get' id='%s' to='"
                                                    + domain
                                                    + "'><ping xmlns='urn:xmpp:ping'/></iq>")
                                            .whenComplete(
                                                    (pong, pingError) -> {
                                                        if (pingError != null)
                                                            fail(
                                                                    "no answer to ping after presence: "
                                                                            + pingError
                                                                                    .getMessage());
                                                        else ready.complete(this);
                                                    });
                                });
            }
        } else if (stanza.startsWith("<success")) {
            phase = Phase.BIND;
            framer.restart();
            openStream();
        } else if (stanza.startsWith("<failure")) {
            fail("authentication failed for " + account.username() + ": " + stanza);
        } else if (stanza.startsWith("<stream:error") || stanza.startsWith("</stream:stream")) {
            fail("stream closed by server: " + stanza);
        }
    }

    /** Sends an iq whose id goes where the %s is; completes with the answer. */
    CompletableFuture<String> iq(String template) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        LoadGenerator.on(
                channel,
                () -> {
                    String id = "q" + (++nextId);
                    waiting.put(id, answer);
                    write(template.formatted(id));
                });
        return answer;
    }

    /** Sends a presence whose id goes where the %s is; completes with the echo carrying that id. */
    CompletableFuture<String> presence(String template) {
        return iq(template);
    }

    private void fail(String why) {
        ready.completeExceptionally(new IOException(why));
        channel.close();
    }

    ChannelFuture write(String xml) {
        return channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
    }

    @Override
    public CompletableFuture<Void> sendDirect(Account to, String text) {
        return written(
                write(
                        "<message to='"
                                + to.username()
                                + "@"
                                + domain
                                + "' type='chat'><body>"
                                + Xml.escape(text)
                                + "</body></message>"));
    }

    CompletableFuture<Void> sendGroup(String roomJid, String text) {
        return written(
                write(
                        "<message to='"
                                + roomJid
                                + "' type='groupchat'><body>"
                                + Xml.escape(text)
                                + "</body></message>"));
    }

    private static CompletableFuture<Void> written(ChannelFuture f) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.addListener(
                x -> {
                    if (x.isSuccess()) done.complete(null);
                    else done.completeExceptionally(x.cause());
                });
        return done;
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (channel.isActive()) write("</stream:stream>");
        channel.close().addListener(f -> closed.complete(null));
        return closed;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IOException("connection closed during login"));
        IOException closed = new IOException("connection closed");
        waiting.values().forEach(w -> w.completeExceptionally(closed));
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
