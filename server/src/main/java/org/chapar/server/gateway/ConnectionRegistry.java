package org.chapar.server.gateway;

import io.netty.channel.EventLoop;

import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.SessionRevoked;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.bus.Bus;
import org.chapar.server.bus.PresenceFact;
import org.chapar.server.bus.UserFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The logged-in connections of this node by user. The first connection of a user subscribes the
 * node to the user's topics ({@code u.<user>} pushes, {@code f.<user>} facts) and to the user's
 * chats, and publishes that the user is online here; the last one to go undoes all of it. What
 * rules decide reaches it only as facts on the bus (ADR 0010): a join or leave moves a chat
 * subscription, a revoked session closes its connections, on whichever node holds them.
 *
 * <p>A fact published before the node's subscription is in effect reaches nobody here, and the
 * login's token check ran before the subscription was even made. So once the bus confirms the
 * subscription ({@link Bus#settled}), each login's session is looked up again: one revoked
 * meanwhile is closed as its fact would have closed it. Any later revocation arrives as a fact.
 */
public final class ConnectionRegistry {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final Bus bus;
    private final long node;
    private final LiveChats liveChats;
    private final SessionCheck sessions;
    private final Map<Long, UserConnections> users = new ConcurrentHashMap<>();

    private final Map<Long, ChatWatchers> chats = new ConcurrentHashMap<>();
    private final LongAdder pushed = new LongAdder();

    private static final class UserConnections {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        final Set<Long> chats = ConcurrentHashMap.newKeySet();
        AutoCloseable subscription;
        AutoCloseable facts;
        // the user's chats are being looked up and watched (the first login on this node)
        volatile CompletableFuture<Void> watched = CompletableFuture.completedFuture(null);
    }

    /** The online users of this node in one supergroup or channel, and the node's subscription. */
    private static final class ChatWatchers {
        final Set<Long> users = ConcurrentHashMap.newKeySet();
        AutoCloseable subscription;
    }

    /** {@code node}: this node's id in the presence facts it publishes. */
    public ConnectionRegistry(Bus bus, long node, LiveChats liveChats, SessionCheck sessions) {
        this.bus = bus;
        this.node = node;
        this.liveChats = liveChats;
        this.sessions = sessions;
        bus.onRestored(this::catchUpAll);
    }

    /**
     * The bus was away (or this node fell behind it): pushes to this node's connections may be
     * lost. Each logged-in connection is told to catch up ({@code TooLong}: GetDifference, which
     * names the channels with news), each session is looked up again as after a login, and the node
     * says again who is online here, since facts of every kind were lost too.
     */
    private void catchUpAll() {
        for (var e : users.entrySet()) {
            for (Connection c : e.getValue().connections) {
                c.catchUp();
                Connection.AuthSession s = c.session();
                if (s != null) {
                    recheck(s); // a SessionRevoked fact may be among the lost
                }
            }
            bus.publish(Bus.PRESENCE, new PresenceFact(node, e.getKey(), true).encode());
        }
    }

    /** Logged-in connections on this node. */
    public int connections() {
        int n = 0;
        for (UserConnections uc : users.values()) {
            n += uc.connections.size();
        }
        return n;
    }

    /**
     * Logs the connection in; a connection already logged in is moved to the new session. The
     * future completes once this node receives what is published for the user from then on: its
     * topics and its chats' subscribed and confirmed by the bus ({@link Bus#settled}), so that a
     * login answered after it misses no live push (a post in a channel right after the answer, on
     * another node); what came before the answer the client fetches with GetDifference. It
     * completes without the confirmation after {@link #READY_WITHIN_MS} or when the bus cannot give
     * it (away: its return makes every connection catch up).
     */
    public CompletableFuture<Void> attach(Connection connection, Connection.AuthSession session) {
        detach(connection);
        connection.setSession(session);
        boolean first;
        UserConnections uc;
        synchronized (this) {
            uc = users.computeIfAbsent(session.userId(), id -> new UserConnections());
            first = uc.connections.isEmpty();
            uc.connections.add(connection);
            if (uc.subscription == null) {
                uc.subscription =
                        bus.subscribe(
                                Bus.user(session.userId()),
                                bytes -> pushTo(session.userId(), bytes));
                uc.facts =
                        bus.subscribe(
                                Bus.facts(session.userId()),
                                bytes -> act(session.userId(), UserFact.decode(bytes)));
            }
        }
        recheck(session);
        if (first) {
            long userId = session.userId();
            bus.publish(Bus.PRESENCE, new PresenceFact(node, userId, true).encode());
            uc.watched =
                    liveChats
                            .of(userId)
                            .thenAccept(
                                    chatIds -> {
                                        for (long chatId : chatIds) {
                                            watchChat(userId, chatId);
                                        }
                                    });
        }
        return uc.watched
                .handle((v, e) -> null)
                .thenCompose(v -> bus.settled())
                .handle((v, e) -> (Void) null)
                .completeOnTimeout(null, READY_WITHIN_MS, TimeUnit.MILLISECONDS);
    }

    /** How long a login waits at most for its subscriptions to be confirmed. */
    static final long READY_WITHIN_MS = 2_000;

    /**
     * Closes the session's connections if the session is gone: revoked while its fact could not
     * reach this node (before the subscription to the user's facts was in effect, or while the bus
     * was away). The store is read whether or not the bus confirmed the subscription, so a
     * revocation between the token check and the subscription is caught all the same. A store that
     * cannot answer leaves the connection open: this is a second look, and a revoked token still
     * logs in nowhere.
     */
    private void recheck(Connection.AuthSession session) {
        long userId = session.userId();
        long sessionId = session.sessionId();
        bus.settled()
                .handle((settled, notConfirmed) -> null)
                .thenCompose(x -> sessions.alive(userId, sessionId))
                .whenComplete(
                        (alive, e) -> {
                            if (e != null) {
                                log.debug("could not look a session up again", e);
                            } else if (!alive) {
                                closeSession(userId, sessionId);
                            }
                        });
    }

    private void act(long userId, UserFact fact) {
        switch (fact) {
            case UserFact.Joined j -> watchChat(userId, j.chatId());
            case UserFact.Left l -> unwatchChat(userId, l.chatId());
            case UserFact.SessionRevoked s -> closeSession(userId, s.sessionId());
        }
    }

    /** Forgets the connection (it closed or logged out). */
    public void detach(Connection connection) {
        Connection.AuthSession session = connection.session();
        if (session == null) {
            return;
        }
        connection.setSession(null);
        boolean last = false;
        synchronized (this) {
            UserConnections uc = users.get(session.userId());
            if (uc != null && uc.connections.remove(connection) && uc.connections.isEmpty()) {
                users.remove(session.userId());
                closeQuietly(uc.subscription);
                closeQuietly(uc.facts);
                for (long chatId : uc.chats) {
                    unwatchLocked(session.userId(), chatId);
                }
                last = true;
            }
        }
        if (last) {
            bus.publish(Bus.PRESENCE, new PresenceFact(node, session.userId(), false).encode());
        }
    }

    /**
     * Delivers the chat's live pushes ({@code c.<chat>}) to the user's connections on this node
     * while the user is online here; the node subscribes to the topic for its first such user.
     */
    private synchronized void watchChat(long userId, long chatId) {
        UserConnections uc = users.get(userId);
        if (uc == null || !uc.chats.add(chatId)) {
            return;
        }
        ChatWatchers w = chats.computeIfAbsent(chatId, id -> new ChatWatchers());
        w.users.add(userId);
        if (w.subscription == null) {
            w.subscription = bus.subscribe(Bus.chat(chatId), bytes -> pushToChat(chatId, bytes));
        }
    }

    /** Stops the chat's pushes to the user (they left or were banned). */
    private synchronized void unwatchChat(long userId, long chatId) {
        UserConnections uc = users.get(userId);
        if (uc != null) {
            uc.chats.remove(chatId);
        }
        unwatchLocked(userId, chatId);
    }

    private void unwatchLocked(long userId, long chatId) {
        ChatWatchers w = chats.get(chatId);
        if (w != null && w.users.remove(userId) && w.users.isEmpty()) {
            chats.remove(chatId);
            closeQuietly(w.subscription);
        }
    }

    /**
     * One encoded frame for every online member: written as is to each of their connections. The
     * connections are grouped by event loop and each loop gets one task that writes to all of its
     * connections, instead of one cross-thread task (and wake-up) per connection: a post to 19,000
     * subscribers is two tasks on a two-core node.
     */
    private void pushToChat(long chatId, byte[] encoded) {
        ChatWatchers w = chats.get(chatId);
        if (w == null) {
            return;
        }
        Map<EventLoop, List<Connection>> byLoop = new IdentityHashMap<>();
        for (long userId : w.users) {
            UserConnections uc = users.get(userId);
            if (uc != null) {
                for (Connection c : uc.connections) {
                    byLoop.computeIfAbsent(c.eventLoop(), l -> new ArrayList<>()).add(c);
                }
            }
        }
        byLoop.forEach(
                (loop, connections) -> {
                    pushed.add(connections.size());
                    loop.execute(
                            () -> {
                                for (Connection c : connections) {
                                    c.push(encoded);
                                }
                            });
                });
    }

    /** Frames written to connections from bus messages so far: the fan-out (for /metrics). */
    public long pushed() {
        return pushed.sum();
    }

    public int connectedUsers() {
        return users.size();
    }

    /** Tells every connection of the session that it was revoked, and closes them. */
    private void closeSession(long userId, long sessionId) {
        UserConnections uc = users.get(userId);
        if (uc == null) {
            return;
        }
        byte[] revoked =
                ServerFrame.newBuilder()
                        .setUpdates(
                                Updates.newBuilder()
                                        .addUpdates(
                                                Update.newBuilder()
                                                        .setSessionRevoked(
                                                                SessionRevoked
                                                                        .getDefaultInstance())))
                        .build()
                        .toByteArray();
        for (Connection c : uc.connections) {
            Connection.AuthSession s = c.session();
            if (s != null && s.sessionId() == sessionId) {
                detach(c);
                c.sendAndClose(revoked, "session revoked");
            }
        }
    }

    private void pushTo(long userId, byte[] encoded) {
        UserConnections uc = users.get(userId);
        if (uc != null) {
            for (Connection c : uc.connections) {
                pushed.increment();
                c.push(encoded);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // unsubscribing from an in-process or NATS topic: nothing to recover
        }
    }
}
