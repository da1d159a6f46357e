package org.chapar.server.bus;

import java.util.function.Consumer;

/**
 * Delivery between the part of the server that commits an event and the nodes holding the
 * connections that want it. Topics: {@code u.<user>} (a user's sessions), {@code c.<chat>} (the
 * online members of a channel or supergroup). Payloads are encoded ServerFrames.
 */
public interface Bus extends AutoCloseable {

    void publish(String topic, byte[] payload);

    /** Subscribes; closing the returned handle unsubscribes. */
    AutoCloseable subscribe(String topic, Consumer<byte[]> handler);

    static String user(long userId) {
        return "u." + userId;
    }

    static String chat(long chatId) {
        return "c." + chatId;
    }

    @Override
    void close();
}
