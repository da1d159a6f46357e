package org.chapar.server.bus;

import java.util.function.Consumer;

/**
 * Delivery between the part of the server that commits an event and the nodes holding the
 * connections that want it. Topics: {@code u.<user>} (a user's sessions) and {@code c.<chat>} (the
 * online members of a channel or supergroup) carry encoded ServerFrames; {@code f.<user>} carries
 * {@link UserFact}s and {@link #PRESENCE} carries {@link PresenceFact}s, which each node's gateway
 * acts on (docs/adr/0010-bus-facts.md).
 */
public interface Bus extends AutoCloseable {

    /** The subject of every node's presence facts. */
    String PRESENCE = "presence";

    void publish(String topic, byte[] payload);

    /** Subscribes; closing the returned handle unsubscribes. */
    AutoCloseable subscribe(String topic, Consumer<byte[]> handler);

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
