package org.chapar.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A way to reach the server that carries whole binary frames both ways. The WebSocket one is {@link
 * WebSocketTransport}; a relay transport can be added beside it.
 */
interface Transport {

    /** Opens one connection; the listener hears its frames and its end. */
    CompletableFuture<Connection> open(URI uri, Listener listener);

    interface Connection {
        /** Queues one frame; frames go out in call order. */
        void send(byte[] frame);

        /** Closes gracefully; the listener's onClosed follows. */
        void close();
    }

    interface Listener {
        /** One whole frame, on the transport's thread. */
        void onFrame(byte[] frame);

        /** Part of a frame arrived (the rest follows): the server is still there. */
        default void onPartialFrame() {}

        /** The connection ended; {@code error} is null for a normal close. Called at most once. */
        void onClosed(Throwable error);
    }
}
