package org.chapar.bench.driver;

import io.netty.channel.EventLoop;

import java.util.concurrent.CompletableFuture;

/** One logged-in connection. */
public interface BenchClient {
    Account account();

    /**
     * Sends a private message. The future completes when the server acknowledged it (Chapar:
     * durably committed) or, where the protocol has no acknowledgement (XMPP), when written.
     */
    CompletableFuture<Void> sendDirect(Account to, String text);

    /** The event loop this connection runs on; scenarios pace their sends on it. */
    EventLoop eventLoop();

    boolean isOpen();

    CompletableFuture<Void> close();
}
