package org.chapar.server.bus;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Delivery between the part of the server that commits an event and the nodes holding the
 * connections that want it. Topics: {@code u.<user>} (a user's sessions) and {@code c.<chat>} (the
 * online members of a channel or supergroup) carry encoded ServerFrames; {@code f.<user>} carries
 * {@link UserFact}s and {@link #PRESENCE} carries {@link PresenceFact}s, which each node's gateway
 * acts on (docs/adr/0010-bus-facts.md). In-process ({@link LocalBus}) or over NATS (ADR 0017).
 */
public interface Bus extends AutoCloseable {

    /** The subject of every node's presence facts. */
    String PRESENCE = "presence";

    /** The subject of every node's heartbeat: its id, every few seconds (ADR 0022). */
    String HEARTBEAT = "heartbeat";

    /**
     * Hands the payload to every node subscribed to the topic. Never throws and never blocks on the
     * network: while the bus is unreachable a publish is buffered or lost (counted in {@link
     * #stats()}), and the nodes are told to catch up once it is back ({@link #onRestored}).
     */
    void publish(String topic, byte[] payload);

    /**
     * Subscribes; closing the returned handle unsubscribes. The subscription may take effect a
     * little later: what is published before then may not reach it (see {@link #settled}).
     */
    AutoCloseable subscribe(String topic, Consumer<byte[]> handler);

    /**
     * Completes once the subscriptions made before the call are in effect: a publish from any node
     * from then on reaches them. While the bus is away it fails, or may complete unconfirmed if a
     * reconnect races it; either way {@link #onRestored} runs once every subscription is back. At
     * once in process, where subscribing takes effect at once.
     */
    default CompletableFuture<Void> settled() {
        return CompletableFuture.completedFuture(null);
    }

    /** Whether publishes reach the other nodes now; always true in process. */
    default boolean reachable() {
        return true;
    }

    /**
     * Runs {@code listener} each time the bus is back after an outage, or after another node said
     * it lost publishes: pushes meant for this node's connections may have been lost meanwhile.
     */
    default void onRestored(Runnable listener) {}

    /** Counts since start, for /metrics. */
    BusStats stats();

    static String user(long userId) {
        return "u." + userId;
    }

    static String facts(long userId) {
        return "f." + userId;
    }

    static String chat(long chatId) {
        return "c." + chatId;
    }

    @Override
    void close();
}
