package org.chapar.server.presence;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.PresenceFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Who is online on any node, fed by the presence facts and the heartbeats on the bus: a user is
 * online while at least one live node holds a connection of theirs. Exactly one node announces each
 * change: the node whose fact made it, or, when a node falls silent past the timeout (or is heard
 * again), the lowest live node other than that one (ADR 0022).
 *
 * <p>Implementation note: liveness is judged on a monotonic clock, never on the wall clock, which
 * tests and operators may move. A node judges others only while it hears its own heartbeat: a node
 * that lost the bus heard nobody, itself included, and when it hears itself again it gives every
 * other node a fresh timeout instead of declaring them all dead. A dead node's users are kept for
 * {@link #FORGET_AFTER_MILLIS}, so that a node that was only paused comes back with its users.
 *
 * <p>A node learns only the facts published after it subscribed; a node that joins a running
 * cluster sees users who are already online as offline until they reconnect (ADR 0010).
 */
public final class OnlineView implements OnlineUsers, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnlineView.class);
    static final long FORGET_AFTER_MILLIS = 10 * 60 * 1000;

    /** Runs when a user goes offline, with when they were last seen (epoch millis). */
    public interface OfflineListener {
        void offline(long userId, long lastSeenMillis);
    }

    /** A remote node as this one last heard it. Guarded by the view. */
    private static final class Node {
        final Set<Long> users = new HashSet<>();
        long lastHeard;
        long diedAt;
        boolean dead;
    }

    /** A change decided under the lock and announced after it. */
    private record Change(long userId, boolean online, long lastSeenMillis) {}

    private final Bus bus;
    private final long node;
    private final Heartbeats heartbeats;
    private final long timeout;
    private final LongSupplier ticks;
    private final Clock clock;
    private final Map<Long, Set<Long>> nodesByUser = new ConcurrentHashMap<>();
    private final Set<Long> dead = ConcurrentHashMap.newKeySet();
    private final Map<Long, Node> nodes = new HashMap<>();
    private final List<LongConsumer> onOnline = new CopyOnWriteArrayList<>();
    private final List<OfflineListener> onOffline = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> subscriptions;
    private long selfHeard;
    private ScheduledExecutorService beating;

    public OnlineView(Bus bus, long node, Heartbeats heartbeats, Clock clock) {
        this(bus, node, heartbeats, clock, () -> System.nanoTime() / 1_000_000);
    }

    /** {@code ticks}: a monotonic clock in milliseconds. */
    OnlineView(Bus bus, long node, Heartbeats heartbeats, Clock clock, LongSupplier ticks) {
        this.bus = bus;
        this.node = node;
        this.heartbeats = heartbeats;
        this.timeout = heartbeats.timeout().toMillis();
        this.clock = clock;
        this.ticks = ticks;
        this.selfHeard = ticks.getAsLong();
        this.subscriptions =
                List.of(
                        bus.subscribe(Bus.PRESENCE, b -> apply(PresenceFact.decode(b))),
                        bus.subscribe(
                                Bus.HEARTBEAT,
                                b -> {
                                    if (b.length == 8) {
                                        heard(ByteBuffer.wrap(b).getLong());
                                    }
                                }));
    }

    @Override
    public boolean isOnline(long userId) {
        Set<Long> via = nodesByUser.get(userId);
        if (via != null) {
            for (long n : via) {
                if (!dead.contains(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Nodes this one hears now, itself included. */
    public synchronized int liveNodes() {
        return 1 + (int) nodes.values().stream().filter(n -> !n.dead).count();
    }

    /** Runs when this node is the one to announce that a user came online. */
    public void onUserOnline(LongConsumer listener) {
        onOnline.add(listener);
    }

    /** Runs when this node is the one to announce that a user went offline. */
    public void onUserOffline(OfflineListener listener) {
        onOffline.add(listener);
    }

    /** Publishes this node's heartbeat every interval and judges the others' silence. */
    public synchronized void startBeating() {
        if (beating != null) {
            return;
        }
        beating =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "heartbeat");
                            t.setDaemon(true);
                            return t;
                        });
        long every = heartbeats.interval().toMillis();
        beating.scheduleAtFixedRate(this::beatQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn("presence: a heartbeat failed", e);
        }
    }

    /** One heartbeat: say this node is alive (while the bus is there), then judge the others. */
    void beat() {
        if (bus.reachable()) {
            bus.publish(Bus.HEARTBEAT, ByteBuffer.allocate(8).putLong(node).array());
        }
        sweep();
    }

    private void heard(long from) {
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            long now = ticks.getAsLong();
            if (from != node) {
                alive(from, now, changes);
            } else {
                if (now - selfHeard > timeout) {
                    // this node heard nobody, itself included: the others' beats were lost to it,
                    // not missed by them, so each gets a fresh timeout
                    for (Node n : nodes.values()) {
                        n.lastHeard = Math.max(n.lastHeard, now);
                    }
                }
                selfHeard = now;
            }
        }
        announce(changes);
    }

    private void apply(PresenceFact fact) {
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            long user = fact.userId();
            if (fact.node() != node) {
                Node n = alive(fact.node(), ticks.getAsLong(), changes);
                if (fact.online()) {
                    n.users.add(user);
                } else {
                    n.users.remove(user);
                }
            }
            boolean before = isOnline(user);
            Set<Long> via = nodesByUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
            if (fact.online()) {
                via.add(fact.node());
            } else {
                via.remove(fact.node());
            }
            if (via.isEmpty()) {
                nodesByUser.remove(user);
            }
            if (before != fact.online() && isOnline(user) == fact.online() && fact.node() == node) {
                changes.add(new Change(user, fact.online(), clock.millis()));
            }
        }
        announce(changes);
    }

    /** Proof of life from a remote node: known from now on, and back with its users if dead. */
    private Node alive(long from, long now, List<Change> changes) {
        Node n = nodes.computeIfAbsent(from, id -> new Node());
        n.lastHeard = now;
        if (n.dead) {
            List<Long> back = n.users.stream().filter(u -> !isOnline(u)).toList();
            n.dead = false;
            dead.remove(from);
            if (announcesFor(from)) {
                back.forEach(u -> changes.add(new Change(u, true, 0)));
            }
        }
        return n;
    }

    /**
     * Declares dead the nodes silent past the timeout; their users who are online through no other
     * live node go offline, last seen at the last heartbeat heard. Judges nobody while this node
     * does not hear itself.
     */
    void sweep() {
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            long now = ticks.getAsLong();
            if (now - selfHeard > timeout) {
                return;
            }
            long wallNow = clock.millis();
            Map<Long, Long> lastSeen = new HashMap<>();
            List<Long> died = new ArrayList<>();
            for (var e : nodes.entrySet()) {
                Node n = e.getValue();
                if (!n.dead && now - n.lastHeard > timeout) {
                    n.dead = true;
                    n.diedAt = now;
                    dead.add(e.getKey());
                    died.add(e.getKey());
                    for (long u : n.users) {
                        lastSeen.merge(u, wallNow - (now - n.lastHeard), Math::max);
                    }
                }
            }
            if (!died.isEmpty()) {
                log.warn("presence: nodes {} silent for {} ms, taken for dead", died, timeout);
                if (announcesFor(died.get(0))) {
                    lastSeen.forEach(
                            (u, at) -> {
                                if (!isOnline(u)) {
                                    changes.add(new Change(u, false, at));
                                }
                            });
                }
            }
            forgetLongDead(now);
        }
        announce(changes);
    }

    /** Whether this node speaks for a change of {@code other}: the lowest live node but it. */
    private boolean announcesFor(long other) {
        long lowest = node;
        for (var e : nodes.entrySet()) {
            if (e.getKey() != other && !e.getValue().dead) {
                lowest = Math.min(lowest, e.getKey());
            }
        }
        return lowest == node;
    }

    private void forgetLongDead(long now) {
        for (Iterator<Map.Entry<Long, Node>> it = nodes.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Node n = e.getValue();
            if (n.dead && now - n.diedAt > FORGET_AFTER_MILLIS) {
                it.remove();
                for (long u : n.users) {
                    Set<Long> via = nodesByUser.get(u);
                    if (via != null && via.remove(e.getKey()) && via.isEmpty()) {
                        nodesByUser.remove(u);
                    }
                }
                dead.remove(e.getKey());
            }
        }
    }

    private void announce(List<Change> changes) {
        for (Change c : changes) {
            if (c.online()) {
                onOnline.forEach(l -> l.accept(c.userId()));
            } else {
                onOffline.forEach(l -> l.offline(c.userId(), c.lastSeenMillis()));
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (beating != null) {
                beating.shutdownNow();
            }
        }
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception ignored) {
                // unsubscribing from an in-process or NATS topic: nothing to recover
            }
        }
    }
}
