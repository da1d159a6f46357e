package org.chapar.server.gateway;

import io.netty.channel.EventLoop;

import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.SessionRevoked;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.bus.Bus;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The logged-in connections of this node by user. The first connection of a user subscribes the
 * node to the user's bus topic and marks the user online; the last one to go undoes both.
 */
public final class ConnectionRegistry {
    private final Bus bus;
    private final Map<Long, UserConnections> users = new ConcurrentHashMap<>();
    private final List<LongConsumer> onOnline = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> onOffline = new CopyOnWriteArrayList<>();

    private final Map<Long, ChatWatchers> chats = new ConcurrentHashMap<>();

    private static final class UserConnections {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        final Set<Long> chats = ConcurrentHashMap.newKeySet();
        AutoCloseable subscription;
    }

    /** The online users of this node in one supergroup or channel, and the node's subscription. */
    private static final class ChatWatchers {
        final Set<Long> users = ConcurrentHashMap.newKeySet();
        AutoCloseable subscription;
    }

    public ConnectionRegistry(Bus bus) {
        this.bus = bus;
    }

    public void onUserOnline(LongConsumer listener) {
        onOnline.add(listener);
    }

    public void onUserOffline(LongConsumer listener) {
        onOffline.add(listener);
    }

    /** Logs the connection in; a connection already logged in is moved to the new session. */
    public void attach(Connection connection, Connection.AuthSession session) {
        detach(connection);
        connection.setSession(session);
        boolean first;
        synchronized (this) {
            UserConnections uc =
                    users.computeIfAbsent(session.userId(), id -> new UserConnections());
            first = uc.connections.isEmpty();
            uc.connections.add(connection);
            if (uc.subscription == null) {
                uc.subscription =
                        bus.subscribe(
                                Bus.user(session.userId()),
                                bytes -> pushTo(session.userId(), bytes));
            }
        }
        if (first) {
            onOnline.forEach(l -> l.accept(session.userId()));
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
                for (long chatId : uc.chats) {
                    unwatchLocked(session.userId(), chatId);
                }
                last = true;
            }
        }
        if (last) {
            onOffline.forEach(l -> l.accept(session.userId()));
        }
    }

    /**
     * Delivers the chat's live pushes ({@code c.<chat>}) to the user's connections on this node
     * while the user is online here; the node subscribes to the topic for its first such user.
     */
    public synchronized void watchChat(long userId, long chatId) {
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
    public synchronized void unwatchChat(long userId, long chatId) {
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
                (loop, connections) ->
                        loop.execute(
                                () -> {
                                    for (Connection c : connections) {
                                        c.push(encoded);
                                    }
                                }));
    }

    public boolean isOnline(long userId) {
        return users.containsKey(userId);
    }

    public int connectedUsers() {
        return users.size();
    }

    /** Tells every connection of the session that it was revoked, and closes them. */
    public void closeSession(long userId, long sessionId) {
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
