package org.chapar.client;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How every request of the SDK goes over the link: queued on it, its answer checked for the
 * expected kind, and the caller's future completed on a virtual thread, never on the SDK's own.
 */
final class LinkCalls {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Completes the futures handed to the application. Virtual threads, not a shared pool: an
     * application blocking pool threads (a common-pool task waiting on a latch) must not stall the
     * answers to this client's requests.
     */
    private static final Executor CALLBACKS =
            Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("chapar-callback-", 0).factory());

    final ServerLink link;

    LinkCalls(ServerLink link) {
        this.link = link;
    }

    /**
     * Queues {@code frame}; {@code onAnswer} runs on the link thread before the future completes
     * there (null: nothing to do). {@code idempotent} requests are sent again after a reconnect,
     * the others fail with UNAVAILABLE. Hand the result over before giving it to the caller.
     */
    CompletableFuture<ServerFrame> onLink(
            ClientFrame.Builder frame, boolean idempotent, Consumer<ServerFrame> onAnswer) {
        return link.submit(frame, idempotent, onAnswer);
    }

    /** {@link #onLink}, its answer mapped by {@code map} on a callback thread. */
    <T> CompletableFuture<T> submit(
            ClientFrame.Builder frame,
            boolean idempotent,
            Consumer<ServerFrame> onAnswer,
            Function<ServerFrame, T> map) {
        return onLink(frame, idempotent, onAnswer).thenApplyAsync(map, CALLBACKS);
    }

    /**
     * A request whose answer must be of kind {@code body} (null: any, e.g. Ok), mapped by {@code
     * map}.
     */
    <T> CompletableFuture<T> typed(
            ClientFrame.Builder frame, ServerFrame.BodyCase body, Function<ServerFrame, T> map) {
        return submit(frame, false, body == null ? null : f -> expect(f, body), map);
    }

    /** Moves a future completed on the link thread over to the callback threads. */
    static <T> CompletableFuture<T> handOver(CompletableFuture<T> onLink) {
        return onLink.thenApplyAsync(Function.identity(), CALLBACKS);
    }

    static ServerFrame expect(ServerFrame f, ServerFrame.BodyCase body) {
        if (f.getBodyCase() != body) {
            throw new ChaparException(
                    ErrorCode.INTERNAL,
                    "unexpected answer " + f.getBodyCase() + ", wanted " + body,
                    0);
        }
        return f;
    }

    /** A random_id for an idempotent write: any long but 0. */
    static long randomId() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        return id;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
