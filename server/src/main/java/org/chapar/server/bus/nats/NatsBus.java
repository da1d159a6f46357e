package org.chapar.server.bus.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.BusStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bus over core NATS (ADR 0017). A topic {@code t} is the subject {@code <prefix>.t}; a node
 * holds one subscription per topic it follows, so a publish reaches each interested node once and
 * the node writes the same bytes to all its connections. Publishes never block on the network:
 * while NATS is away they are dropped and counted (no reconnect buffer, so nothing stale arrives
 * late).
 *
 * <p>Core NATS keeps nothing for a subscriber that is not there, so after an outage, or when this
 * node's subscriptions fell behind (slow consumer), the restored listeners run: the gateway tells
 * its connections to catch up with GetDifference. A node that lost publishes of its own says so on
 * {@code <prefix>.restored} once it is back, and every node runs its listeners too.
 */
public final class NatsBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(NatsBus.class);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final String RESTORED = "restored";
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How often the node makes sure that NATS answers it: a PING through the connection's writer,
     * answered by the server's PONG within {@link #SETTLE_TIMEOUT}. jnats pings only a connection
     * that received nothing lately, so a node that still hears the others (their heartbeats) but
     * whose own writes no longer reach the server would stay mute for good: its publishes, and so
     * its users' live pushes to every other node, lost until a restart.
     */
    public static final Duration LIVENESS_EVERY = Duration.ofSeconds(2);

    private final String prefix;
    private final long node;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final SharedFlush settles;
    private final List<Runnable> restoredListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lostPublishes = new AtomicBoolean();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder outages = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private volatile long nextLostLog = System.nanoTime();
    private volatile boolean closed;

    private NatsBus(String url, String prefix, long node) throws IOException {
        this.prefix = prefix + ".";
        this.node = node;
        Options options =
                new Options.Builder()
                        .server(url)
                        .connectionName("chapar-node-" + node)
                        .maxReconnects(-1)
                        .reconnectWait(Duration.ofMillis(250))
                        .connectionTimeout(Duration.ofSeconds(5))
                        .pingInterval(Duration.ofSeconds(5))
                        .maxMessagesInOutgoingQueue(1 << 16)
                        // no replay of stale pushes after an outage: they are lost and counted, and
                        // the clients catch up from the store instead (ADR 0017)
                        .reconnectBufferSize(0)
                        .connectionListener(this::event)
                        .errorListener(new Errors())
                        .build();
        try {
            this.connection = Nats.connect(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to the bus at " + url, e);
        }
        this.dispatcher = connection.createDispatcher();
        this.settles = new SharedFlush(() -> connection.flush(SETTLE_TIMEOUT));
        dispatcher.subscribe(this.prefix + RESTORED, m -> restoredElsewhere(m.getData()));
        Thread.ofVirtual().name("bus-liveness").start(this::watchLiveness);
    }

    /** Every {@link #LIVENESS_EVERY}, while connected: a round trip, or a reconnect. */
    private void watchLiveness() {
        while (!closed) {
            try {
                Thread.sleep(LIVENESS_EVERY);
                if (connection.getStatus() != Connection.Status.CONNECTED) {
                    continue; // jnats is reconnecting already
                }
                settled().get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                if (!closed && connection.getStatus() == Connection.Status.CONNECTED) {
                    stalled(e.getCause());
                }
            }
        }
    }

    /**
     * NATS did not answer while the connection looks up: its writes reach nobody. A new connection,
     * and every node's connections catch up once it is back (what this node published meanwhile may
     * never have arrived).
     */
    private void stalled(Throwable why) {
        stalls.increment();
        lostPublishes.set(true);
        log.warn(
                "bus: NATS did not answer this node's PING within {} s while connected ({}): its"
                        + " connection passes nothing; reconnecting",
                SETTLE_TIMEOUT.toSeconds(),
                why.toString());
        try {
            connection.forceReconnect();
        } catch (IOException e) {
            log.warn("bus: the forced reconnect failed; jnats goes on trying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many times the liveness check found the connection passing nothing (for tests). */
    public long stalls() {
        return stalls.sum();
    }

    /**
     * Connects to the NATS server at {@code url}, under the subject prefix (deployments and tests
     * sharing a NATS server use different ones). Fails when the server cannot be reached now.
     */
    public static NatsBus connect(String url, String prefix, long node) throws IOException {
        if (!prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException(
                    "bus subject prefix must be dot-separated letters, digits, - and _: " + prefix);
        }
        return new NatsBus(url, prefix, node);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        try {
            connection.publish(prefix + topic, payload);
            if (!HEARTBEAT.equals(topic)) {
                published.increment();
            }
        } catch (IllegalStateException e) {
            // the reconnect buffer is full, or the connection is closing: the push is gone
            lost.increment();
            lostPublishes.set(true);
            long now = System.nanoTime();
            if (now - nextLostLog >= 0) {
                nextLostLog = now + LOG_EVERY_NANOS;
                log.warn(
                        "bus: publishes lost while NATS is unreachable ({} so far); clients are"
                                + " told to catch up when it is back; next line in a minute at the"
                                + " earliest",
                        lost.sum());
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String topic, java.util.function.Consumer<byte[]> handler) {
        boolean counted = !HEARTBEAT.equals(topic);
        Subscription s =
                dispatcher.subscribe(
                        prefix + topic,
                        m -> {
                            if (counted) {
                                received.increment();
                            }
                            handler.accept(m.getData());
                        });
        subscriptions.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                subscriptions.decrementAndGet();
                if (dispatcher.isActive()) {
                    dispatcher.unsubscribe(s);
                }
            }
        };
    }

    /**
     * A PING after the SUBs, answered by the server's PONG: the server handles one connection's
     * commands in order, so the SUBs are registered by then. jnats queues both on the same outgoing
     * queue, and only offers a blocking flush, which {@link SharedFlush} runs off the caller's
     * thread.
     */
    @Override
    public CompletableFuture<Void> settled() {
        return settles.request();
    }

    @Override
    public boolean reachable() {
        return reachable.get();
    }

    @Override
    public void onRestored(Runnable listener) {
        restoredListeners.add(listener);
    }

    @Override
    public BusStats stats() {
        return new BusStats(
                published.sum(), received.sum(), lost.sum(), outages.sum(), subscriptions.get());
    }

    private void event(Connection c, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                if (reachable.compareAndSet(true, false)) {
                    outages.increment();
                    log.warn("bus: lost NATS; sends are still stored, live pushes wait for it");
                }
            }
            case RESUBSCRIBED -> restored();
            default -> {}
        }
    }

    /** The subscriptions are back on the server: what was published meanwhile is gone. */
    private void restored() {
        if (!reachable.compareAndSet(false, true)) {
            return;
        }
        log.info("bus: NATS is back; telling this node's connections to catch up");
        if (lostPublishes.getAndSet(false)) {
            connection.publish(prefix + RESTORED, ByteBuffer.allocate(8).putLong(node).array());
        }
        runRestoredListeners();
    }

    private void restoredElsewhere(byte[] payload) {
        if (payload.length == 8 && ByteBuffer.wrap(payload).getLong() != node) {
            runRestoredListeners();
        }
    }

    private void runRestoredListeners() {
        for (Runnable l : restoredListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("bus: a restored listener failed", e);
            }
        }
    }

    /** jnats reports each failed reconnect attempt; one line a minute is enough. */
    private final class Errors implements ErrorListener {
        private volatile long nextLog = System.nanoTime();

        @Override
        public void exceptionOccurred(Connection c, Exception e) {
            long now = System.nanoTime();
            if (now - nextLog >= 0) {
                nextLog = now + LOG_EVERY_NANOS;
                log.warn("bus: {} (next such line in a minute at the earliest)", e.toString());
            }
        }

        @Override
        public void errorOccurred(Connection c, String error) {
            log.warn("bus: NATS error: {}", error);
        }

        @Override
        public void slowConsumerDetected(Connection c, Consumer consumer) {
            // the dispatcher dropped messages for this node: its connections must catch up
            lost.increment();
            runRestoredListeners();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
