package org.chapar.client;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Ping;
import org.chapar.protocol.ServerFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reconnecting link to one server for one identity: the connection's life (open, ping, drop,
 * reconnect with backoff and jitter), with the {@link RequestQueue}, the {@link Handshake} and the
 * {@link SyncDriver} beside it.
 *
 * <p>Everything mutable is confined to one thread, {@code chapar-link}: socket events and timers
 * are handed to it, requests are queued to it, and the sequencers run on it. Request futures are
 * completed on it, so hooks attached before a request is queued run there too, before the caller
 * sees the answer. After every event the delivery batch is handed to the delivery thread.
 */
final class ServerLink implements SyncDriver.Link, Handshake.Link, Liveness.Link {

    private static final Logger log = LoggerFactory.getLogger(ServerLink.class);

    /** A connection not in service this long after it opened is given up and made again. */
    static final long HANDSHAKE_TIMEOUT_MS = 15_000;

    private final List<URI> uris;
    private int current;
    private final Transport transport;
    private final ClientClock clock;
    private final Backoff backoff;
    private final ExecutorService loop =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "chapar-link");
                        t.setDaemon(true);
                        return t;
                    });
    private final LinkState state;
    final UpdateDelivery delivery;
    private final RequestQueue queue = new RequestQueue();

    /** Also fed by the answers of the user's own writes ({@link OwnEvents}, on this thread). */
    final SyncDriver sync;

    private final Handshake handshake;
    final OwnMessages mine; // which messages are the user's own; any thread

    // Confined to the loop thread:
    private Transport.Connection conn;
    private int generation;
    private boolean started;
    private boolean closed;
    private int attempt;
    private CompletableFuture<Void> firstConnect;
    private final Liveness liveness;
    private ClientClock.Timer handshakeTimer;
    private ConnectionState reported;

    ServerLink(
            List<URI> uris,
            Transport transport,
            SyncStateStore store,
            String clientName,
            boolean syncUpdates,
            ClientClock clock,
            long maxBackoffMs) {
        this.uris = List.copyOf(uris);
        this.backoff = new Backoff(100, maxBackoffMs);
        this.transport = transport;
        this.clock = clock;
        this.liveness = new Liveness(clock, this);
        this.state = new LinkState(store);
        this.delivery = new UpdateDelivery(state::delivered);
        this.mine = new OwnMessages(state::get);
        this.sync = new SyncDriver(syncUpdates, state, delivery, mine, queue, clock, this);
        this.handshake = new Handshake(queue, state, sync, delivery, clientName, this);
    }

    // ---- API, any thread ----

    CompletableFuture<Void> connect() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(
                () -> {
                    if (closed) {
                        f.completeExceptionally(closedException());
                    } else if (started) {
                        f.completeExceptionally(
                                new IllegalStateException("connect() was already called"));
                    } else {
                        started = true;
                        firstConnect = f;
                        open();
                    }
                });
        return f;
    }

    /** Queues a request; {@code onAnswer} runs on the link thread before the future completes. */
    CompletableFuture<ServerFrame> submit(
            ClientFrame.Builder frame, boolean idempotent, Consumer<ServerFrame> onAnswer) {
        RequestQueue.Request r = new RequestQueue.Request(frame, idempotent, onAnswer);
        try {
            loop.execute(
                    () -> {
                        if (closed) {
                            r.result.completeExceptionally(closedException());
                            return;
                        }
                        queue.add(r);
                        afterEvent();
                    });
        } catch (RejectedExecutionException e) {
            r.result.completeExceptionally(closedException());
        }
        return r.result;
    }

    SyncState syncState() {
        return state.get();
    }

    /** Completes once the box's starting pts is known after the latest authorization. */
    CompletableFuture<Void> stateKnown() {
        return sync.stateKnown();
    }

    /** After an authorization succeeded (on the link thread, as the answer's hook). */
    void onAuthorized(Authorization a, boolean newLogin, AuthorKey key) {
        handshake.onAuthorized(a, newLogin, key);
    }

    /** After LogOut succeeded (on the link thread, as the answer's hook). */
    void onLoggedOut() {
        handshake.onLoggedOut();
    }

    void close() {
        delivery.stop();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(
                    () -> {
                        shutdownOnLoop();
                        done.complete(null);
                    });
            if (!Thread.currentThread().getName().equals("chapar-link")) {
                done.get(5, TimeUnit.SECONDS);
            }
        } catch (RejectedExecutionException e) {
            // closed before; still wait for the delivery thread below
        } catch (Exception e) {
            log.debug("close did not finish cleanly", e);
        }
        loop.shutdown();
        delivery.shutdown(5_000);
    }

    // ---- everything below runs on the loop thread ----

    private void open() {
        int gen = ++generation;
        log.debug("connecting to {} (attempt {})", uris.get(current), attempt);
        report(ConnectionState.CONNECTING);
        afterEvent();
        Transport.Listener listener =
                new Transport.Listener() {
                    @Override
                    public void onFrame(byte[] frame) {
                        loop.execute(() -> onFrameOnLoop(gen, frame));
                    }

                    @Override
                    public void onPartialFrame() {
                        executeQuietly(
                                () -> {
                                    if (gen == generation) {
                                        liveness.heard();
                                    }
                                });
                    }

                    @Override
                    public void onClosed(Throwable error) {
                        executeQuietly(() -> onClosedOnLoop(gen, error));
                    }
                };
        transport
                .open(uris.get(current), listener)
                .whenComplete(
                        (c, e) ->
                                executeQuietly(
                                        () -> {
                                            if (gen != generation || closed) {
                                                if (c != null) {
                                                    c.close();
                                                }
                                            } else if (e != null) {
                                                onClosedOnLoop(gen, e);
                                            } else {
                                                onOpen(c);
                                            }
                                        }));
    }

    private void executeQuietly(Runnable r) {
        try {
            loop.execute(r);
        } catch (RejectedExecutionException ignored) {
            // closed
        }
    }

    // ---- what the handshake and the sync driver ask of the link ----

    @Override
    public void ready() {
        log.debug("in service");
        attempt = 0;
        cancel(handshakeTimer);
        queue.ready();
    }

    @Override
    public void reconnect(Throwable why) {
        log.debug("handshake failed, reconnecting: {}", ChaparException.describe(why));
        drop(generation, why);
    }

    @Override
    public void connected(Throwable failure) {
        if (firstConnect != null) {
            if (failure == null) {
                firstConnect.complete(null);
            } else {
                firstConnect.completeExceptionally(failure);
            }
            firstConnect = null;
        }
    }

    @Override
    public void caughtUp() {
        handshake.online();
    }

    /** Runs {@code task} on the loop after {@code delayNanos}, then hands deliveries over. */
    @Override
    public ClientClock.Timer later(long delayNanos, Runnable task) {
        return clock.schedule(
                () -> {
                    if (!closed) {
                        task.run();
                        afterEvent();
                    }
                },
                delayNanos,
                this::executeQuietly);
    }

    private void onOpen(Transport.Connection c) {
        log.debug("connected");
        conn = c;
        queue.handshake(c);
        liveness.start();
        int gen = generation;
        handshakeTimer =
                later(
                        TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MS),
                        () -> {
                            if (gen == generation
                                    && queue.phase() == RequestQueue.Phase.HANDSHAKE) {
                                drop(
                                        gen,
                                        new IOException(
                                                "the server did not take the connection into"
                                                        + " service within "
                                                        + HANDSHAKE_TIMEOUT_MS
                                                        + " ms"));
                            }
                        });
        handshake.start();
        afterEvent();
    }

    private void onFrameOnLoop(int gen, byte[] bytes) {
        if (gen != generation) {
            return;
        }
        liveness.heard();
        ServerFrame f;
        try {
            f = ServerFrame.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            log.warn("malformed frame from server, reconnecting", e);
            drop(gen, e);
            return;
        }
        if (f.getId() == 0) {
            if (f.hasUpdates()) {
                handshake.onPush(f.getUpdates().getUpdatesList());
                sync.onPush(f.getUpdates().getUpdatesList(), f.getUpdates().getUsersList());
            }
        } else {
            queue.answer(f, sync::followFromHere);
        }
        afterEvent();
    }

    private void drop(int gen, Throwable why) {
        Transport.Connection c = conn;
        onClosedOnLoop(gen, why);
        if (c != null) {
            c.close();
        }
    }

    private void onClosedOnLoop(int gen, Throwable error) {
        if (gen != generation || closed) {
            return;
        }
        generation++; // later events of that connection are stale
        boolean wasOpen = queue.phase() != RequestQueue.Phase.DOWN;
        conn = null;
        liveness.stop();
        cancel(handshakeTimer);
        queue.lost(error);
        if (!wasOpen && firstConnect != null) {
            ChaparException e =
                    new ChaparException(
                            ErrorCode.UNAVAILABLE,
                            "cannot connect to "
                                    + uris.get(current)
                                    + ": "
                                    + ChaparException.describe(error),
                            error);
            connected(e);
            queue.failWaiting(e);
            report(ConnectionState.OFFLINE);
            started = false; // connect() may be called again
            afterEvent();
            return;
        }
        log.debug("connection lost: {}", ChaparException.describe(error));
        report(ConnectionState.OFFLINE);
        current = (current + 1) % uris.size(); // a node that went away: try the next address
        long delay = backoff.delayMs(attempt++);
        later(TimeUnit.MILLISECONDS.toNanos(delay), this::reconnect);
        afterEvent();
    }

    private void reconnect() {
        if (queue.phase() == RequestQueue.Phase.DOWN) {
            open();
        }
    }

    @Override
    public boolean awaitingAnswers() {
        return queue.awaitingAnswers();
    }

    @Override
    public void ping() {
        queue.internal(
                ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(clock.nanoTime())),
                f -> {},
                e -> {});
    }

    @Override
    public void dead(String why) {
        drop(generation, new IOException(why));
    }

    /** After every event on the loop: arm the gap timer and hand deliveries over. */
    private void afterEvent() {
        sync.armGapTimer();
        delivery.flush();
    }

    @Override
    public void report(ConnectionState s) {
        if (s != reported) {
            reported = s;
            delivery.state(s);
        }
    }

    private void shutdownOnLoop() {
        if (closed) {
            return;
        }
        closed = true;
        generation++;
        liveness.stop();
        cancel(handshakeTimer);
        sync.stop();
        ChaparException e = closedException();
        queue.close(e);
        connected(e);
        if (conn != null) {
            conn.close();
            conn = null;
        }
        report(ConnectionState.CLOSED);
        delivery.flush();
    }

    private static ChaparException closedException() {
        return new ChaparException(ErrorCode.UNAVAILABLE, "the client is closed", 0);
    }

    private static void cancel(ClientClock.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
