package org.chapar.server.presence;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.PresenceFact;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Who is online on any node, fed by the presence facts on the bus: a user is online while at least
 * one node holds a connection of theirs. When a fact of this node turns a user online or offline
 * for the whole cluster, this node's listeners run: exactly one node announces each change.
 *
 * <p>A node learns only the facts published after it subscribed; a node that joins a running
 * cluster sees users who are already online as offline until they reconnect (ADR 0010).
 */
public final class OnlineView implements OnlineUsers, AutoCloseable {
    private final long node;
    private final Map<Long, Set<Long>> nodesByUser = new ConcurrentHashMap<>();
    private final List<LongConsumer> onOnline = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> onOffline = new CopyOnWriteArrayList<>();
    private final AutoCloseable subscription;

    public OnlineView(Bus bus, long node) {
        this.node = node;
        this.subscription = bus.subscribe(Bus.PRESENCE, b -> apply(PresenceFact.decode(b)));
    }

    @Override
    public boolean isOnline(long userId) {
        return nodesByUser.containsKey(userId);
    }

    /** Runs when a connection on this node brings the user online on the first node. */
    public void onUserOnline(LongConsumer listener) {
        onOnline.add(listener);
    }

    /** Runs when the user's last connection anywhere, which was on this node, goes. */
    public void onUserOffline(LongConsumer listener) {
        onOffline.add(listener);
    }

    private void apply(PresenceFact fact) {
        boolean[] changed = new boolean[1];
        nodesByUser.compute(
                fact.userId(),
                (user, nodes) -> {
                    boolean before = nodes != null;
                    Set<Long> after = nodes != null ? nodes : ConcurrentHashMap.newKeySet();
                    if (fact.online()) {
                        after.add(fact.node());
                    } else {
                        after.remove(fact.node());
                    }
                    changed[0] = before == after.isEmpty();
                    return after.isEmpty() ? null : after;
                });
        if (changed[0] && fact.node() == node) {
            (fact.online() ? onOnline : onOffline).forEach(l -> l.accept(fact.userId()));
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // unsubscribing from an in-process or NATS topic: nothing to recover
        }
    }
}
