package org.chapar.client;

import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The requests of one link, multiplexed on its connection by request id. A request waits until the
 * connection may carry it (during the handshake only Hello, Register, Login, Authenticate and Ping;
 * all once ready). When a connection drops, idempotent requests in flight (sends, carrying their
 * random_id) go back to the front of the queue and the others fail with UNAVAILABLE, because they
 * may or may not have taken effect. Confined to the link thread.
 */
final class RequestQueue {

    /** How far the current connection is. */
    enum Phase {
        DOWN,
        HANDSHAKE,
        READY
    }

    static final class Request {
        final ClientFrame.Builder frame;
        final boolean idempotent;
        final boolean preAuth;
        final Consumer<ServerFrame> onAnswer;
        final CompletableFuture<ServerFrame> result = new CompletableFuture<>();

        Request(ClientFrame.Builder frame, boolean idempotent, Consumer<ServerFrame> onAnswer) {
            this.frame = frame;
            this.idempotent = idempotent;
            this.preAuth = isPreAuth(frame);
            this.onAnswer = onAnswer;
        }

        private static boolean isPreAuth(ClientFrame.Builder f) {
            return switch (f.getRequestCase()) {
                case HELLO, REGISTER, LOGIN, AUTHENTICATE, PING -> true;
                default -> false;
            };
        }
    }

    private final Map<Long, Request> inFlight = new LinkedHashMap<>();
    private final Deque<Request> waiting = new ArrayDeque<>();
    private long nextId = 1;
    private Phase phase = Phase.DOWN;
    private Transport.Connection conn;

    Phase phase() {
        return phase;
    }

    /** Whether a request sent on the current connection still waits for its answer. */
    boolean awaitingAnswers() {
        return !inFlight.isEmpty();
    }

    /** A connection is open: pre-auth requests may go out on it. */
    void handshake(Transport.Connection c) {
        conn = c;
        phase = Phase.HANDSHAKE;
    }

    /** The connection is authenticated (or needs no session): everything goes out. */
    void ready() {
        phase = Phase.READY;
        int n = waiting.size();
        for (int i = 0; i < n && phase != Phase.DOWN; i++) {
            add(waiting.poll());
        }
    }

    void add(Request r) {
        if (phase == Phase.READY || (phase == Phase.HANDSHAKE && r.preAuth)) {
            long id = nextId++;
            r.frame.setId(id);
            inFlight.put(id, r);
            conn.send(r.frame.build().toByteArray());
        } else {
            waiting.add(r);
        }
    }

    /** A request the link makes itself; both callbacks run on the link thread. */
    void internal(ClientFrame.Builder frame, Consumer<ServerFrame> ok, Consumer<Throwable> failed) {
        Request r = new Request(frame, false, null);
        r.result.whenComplete(
                (f, e) -> {
                    if (e == null) {
                        ok.accept(f);
                    } else {
                        failed.accept(e);
                    }
                });
        add(r);
    }

    /**
     * Completes the request {@code f} answers (if it is still in flight): its hook runs first, and
     * {@code onChatInfo} for an answer that carries a chat.
     */
    void answer(ServerFrame f, Consumer<ChatInfo> onChatInfo) {
        Request r = inFlight.remove(f.getId());
        if (r == null) {
            return;
        }
        if (f.hasError()) {
            r.result.completeExceptionally(ChaparException.of(f.getError()));
            return;
        }
        try {
            if (r.onAnswer != null) {
                r.onAnswer.accept(f);
            }
            if (f.hasChatInfo()) {
                onChatInfo.accept(f.getChatInfo());
            }
        } catch (RuntimeException e) {
            r.result.completeExceptionally(e);
            return;
        }
        r.result.complete(f);
    }

    /** The connection dropped: requeue what may be re-sent, fail the rest. */
    void lost(Throwable error) {
        phase = Phase.DOWN;
        conn = null;
        List<Request> retry = new ArrayList<>();
        for (Request r : inFlight.values()) {
            if (r.idempotent) {
                retry.add(r);
            } else {
                r.result.completeExceptionally(
                        new ChaparException(
                                ErrorCode.UNAVAILABLE,
                                "connection lost before the answer; the request may or may not have taken effect",
                                error));
            }
        }
        inFlight.clear();
        for (int i = retry.size() - 1; i >= 0; i--) {
            waiting.addFirst(retry.get(i));
        }
    }

    /** Fails every request that has not been sent. */
    void failWaiting(ChaparException e) {
        for (Request r : waiting) {
            r.result.completeExceptionally(e);
        }
        waiting.clear();
    }

    /** The link is closed: every request fails. */
    void close(ChaparException e) {
        phase = Phase.DOWN;
        conn = null;
        inFlight.values().forEach(r -> r.result.completeExceptionally(e));
        inFlight.clear();
        failWaiting(e);
    }
}
