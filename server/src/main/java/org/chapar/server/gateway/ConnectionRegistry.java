package org.chapar.server.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.SessionRevoked;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.bus.Bus;

/**
 * The logged-in connections of this node by user. The first connection of a user subscribes
 * the node to the user's bus topic and marks the user online; the last one to go undoes both.
 */
public final class ConnectionRegistry {
    private final Bus bus;
    private final Map<Long, UserConnections> users = new ConcurrentHashMap<>();
    private final List<LongConsumer> onOnline = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> onOffline = new CopyOnWriteArrayList<>();

    private static final class UserConnections {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
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
            UserConnections uc = users.computeIfAbsent(session.userId(), id -> new UserConnections());
            first = uc.connections.isEmpty();
            uc.connections.add(connection);
            if (uc.subscription == null) {
                uc.subscription = bus.subscribe(Bus.user(session.userId()), bytes -> pushTo(session.userId(), bytes));
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
                last = true;
            }
        }
        if (last) {
            onOffline.forEach(l -> l.accept(session.userId()));
        }
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
        byte[] revoked = ServerFrame.newBuilder().setUpdates(Updates.newBuilder()
                .addUpdates(Update.newBuilder().setSessionRevoked(SessionRevoked.getDefaultInstance()))).build()
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
