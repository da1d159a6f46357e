package org.chapar.client;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetState;
import org.chapar.protocol.Hello;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Ping;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The reconnecting link to one server for one identity.
 *
 * <p>Everything mutable is confined to one thread, {@code chapar-link}: socket events are handed to
 * it, requests are queued to it, and the {@link UpdateSequencer} runs on it. Request futures are
 * completed on it, so hooks attached before a request is queued run there too, before the caller
 * sees the answer. A request waits in {@code waiting} until the link is ready for it (socket open,
 * and the stored session re-authenticated). When a connection drops, answered requests are done,
 * idempotent ones in flight (sends, carrying their random_id) go back to the front of the queue,
 * and the others fail with UNAVAILABLE because they may or may not have taken effect.
 */
final class ServerLink {

    private static final Logger log = LoggerFactory.getLogger(ServerLink.class);
    static final long PING_INTERVAL_MS = 30_000;
    static final long DEAD_AFTER_MS = 75_000;
    static final long GAP_WAIT_MS = 500;
    private static final int DIFFERENCE_PAGE = 500;

    private enum Phase {
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

        Request(
                ClientFrame.Builder frame,
                boolean idempotent,
                boolean preAuth,
                Consumer<ServerFrame> onAnswer) {
            this.frame = frame;
            this.idempotent = idempotent;
            this.preAuth = preAuth;
            this.onAnswer = onAnswer;
        }
    }

    private final URI uri;
    private final Transport transport;
    private final SyncStateStore store;
    private final String clientName;
    private final boolean syncUpdates;
    private final Backoff backoff = new Backoff(100, 30_000);
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "chapar-link");
                        t.setDaemon(true);
                        return t;
                    });
    final UpdateDelivery delivery = new UpdateDelivery(this::savePts);
    private final ChannelBoxes channels =
            new ChannelBoxes(
                    new ChannelBoxes.Link() {
                        @Override
                        public void deliver(Update update, List<User> users) {
                            delivery.update(update, users);
                        }

                        @Override
                        public void settled(long chatId, long pts) {
                            delivery.settled(chatId, pts);
                        }

                        @Override
                        public void reloadNeeded(long chatId) {
                            delivery.reloadNeeded(chatId);
                        }

                        @Override
                        public void request(
                                ClientFrame.Builder frame,
                                Consumer<ServerFrame> ok,
                                Consumer<Throwable> failed) {
                            internal(frame, ok, failed);
                        }

                        @Override
                        public void forget(long chatId) {
                            persist(s -> s.withChannelPts(chatId, SyncState.NO_PTS));
                        }

                        @Override
                        public void later(Runnable retry) {
                            loop.schedule(
                                    () -> {
                                        retry.run();
                                        afterEvent();
                                    },
                                    1,
                                    TimeUnit.SECONDS);
                        }
                    },
                    () -> this.differencePage,
                    TimeUnit.MILLISECONDS.toNanos(GAP_WAIT_MS));

    // Confined to the loop thread:
    private final Map<Long, Request> inFlight = new LinkedHashMap<>();
    private final Deque<Request> waiting = new ArrayDeque<>();
    private UpdateSequencer sequencer;
    private Transport.Connection conn;
    private int generation;
    private Phase phase = Phase.DOWN;
    private boolean authenticated;
    private boolean started;
    private boolean closed;
    private long nextId = 1;
    private int attempt;
    private long lastReceived;
    private int differencePage = DIFFERENCE_PAGE;
    private CompletableFuture<Void> firstConnect;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> gapTask;
    private long gapTaskDeadline;
    private ConnectionState reported;
    private volatile CompletableFuture<Void> stateKnown = CompletableFuture.completedFuture(null);

    private SyncState state; // guarded by this; also written by the delivery thread
    private volatile long epoch; // bumped when another user logs in on this client

    ServerLink(
            URI uri,
            Transport transport,
            SyncStateStore store,
            String clientName,
            boolean syncUpdates) {
        this.uri = uri;
        this.transport = transport;
        this.store = store;
        this.clientName = clientName;
        this.syncUpdates = syncUpdates;
        this.state = store.load();
        this.sequencer = newSequencer(state.hasPts() ? state.pts() : UpdateSequencer.UNKNOWN);
        state.channelPts().forEach(channels::follow);
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
        Request r = new Request(frame, idempotent, isPreAuth(frame), onAnswer);
        try {
            loop.execute(() -> enqueue(r));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            r.result.completeExceptionally(closedException());
        }
        return r.result;
    }

    synchronized SyncState syncState() {
        return state;
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed before; still wait for the delivery thread below
        } catch (Exception e) {
            log.debug("close did not finish cleanly", e);
        }
        loop.shutdown();
        delivery.shutdown(5_000);
    }

    // ---- everything below runs on the loop thread ----

    private static boolean isPreAuth(ClientFrame.Builder f) {
        return switch (f.getRequestCase()) {
            case HELLO, REGISTER, LOGIN, AUTHENTICATE, PING -> true;
            default -> false;
        };
    }

    private void enqueue(Request r) {
        if (closed) {
            r.result.completeExceptionally(closedException());
            return;
        }
        if (phase == Phase.READY || (phase == Phase.HANDSHAKE && r.preAuth)) {
            transmit(r);
        } else {
            waiting.add(r);
        }
        afterEvent();
    }

    private void transmit(Request r) {
        long id = nextId++;
        r.frame.setId(id);
        inFlight.put(id, r);
        conn.send(r.frame.build().toByteArray());
    }

    private void flushWaiting() {
        int n = waiting.size();
        for (int i = 0; i < n && phase != Phase.DOWN; i++) {
            Request r = waiting.poll();
            if (phase == Phase.READY || r.preAuth) {
                transmit(r);
            } else {
                waiting.add(r);
            }
        }
    }

    private void open() {
        int gen = ++generation;
        report(ConnectionState.CONNECTING);
        afterEvent();
        Transport.Listener listener =
                new Transport.Listener() {
                    @Override
                    public void onFrame(byte[] frame) {
                        loop.execute(() -> onFrameOnLoop(gen, frame));
                    }

                    @Override
                    public void onClosed(Throwable error) {
                        executeQuietly(() -> onClosedOnLoop(gen, error));
                    }
                };
        transport
                .open(uri, listener)
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
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed
        }
    }

    private void onOpen(Transport.Connection c) {
        conn = c;
        phase = Phase.HANDSHAKE;
        authenticated = false;
        lastReceived = System.nanoTime();
        pingTask =
                loop.scheduleAtFixedRate(
                        this::ping, PING_INTERVAL_MS, PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
        internal(
                ClientFrame.newBuilder()
                        .setHello(Hello.newBuilder().setLayer(1).setClient(clientName)),
                f -> {
                    int page = f.getHello().getLimits().getMaxDifferencePage();
                    if (page > 0) {
                        differencePage = Math.min(DIFFERENCE_PAGE, page);
                    }
                },
                e -> log.debug("hello failed", e));
        String token = syncState().token();
        if (token != null && !token.isEmpty()) {
            internal(
                    ClientFrame.newBuilder()
                            .setAuthenticate(Authenticate.newBuilder().setToken(token)),
                    f -> onAuthorized(f.getAuthorization(), false),
                    this::onAuthenticateFailed);
        } else {
            becomeReady();
            report(ConnectionState.ONLINE);
            completeFirstConnect(null);
        }
        afterEvent();
    }

    private void becomeReady() {
        phase = Phase.READY;
        attempt = 0;
        flushWaiting();
    }

    private void onAuthenticateFailed(Throwable e) {
        if (e instanceof ChaparException ce
                && ce.getCode() != ErrorCode.UNAVAILABLE
                && ce.getCode() != ErrorCode.INTERNAL) {
            log.info("stored session rejected: {}", ce.getMessage());
            persist(s -> s.withToken(null));
            becomeReady();
            report(ConnectionState.LOGGED_OUT);
            completeFirstConnect(ce);
        }
        // otherwise the connection dropped: the reconnect authenticates again
    }

    /** After Authenticate, Login or Register succeeded on this connection. */
    void onAuthorized(Authorization a, boolean newLogin) {
        long userId = a.getUser().getId();
        if (newLogin) {
            boolean sameUser = syncState().userId() == userId;
            if (!sameUser) {
                delivery.flush(); // what is queued belongs to the previous user: its pts saves are
                // dropped
                synchronized (this) {
                    epoch++;
                }
                delivery.newEpoch(epoch);
                sequencer = newSequencer(UpdateSequencer.UNKNOWN);
                channels.clear();
            }
            persist(
                    s ->
                            sameUser
                                    ? s.withToken(a.getToken())
                                    : new SyncState(SyncState.NO_PTS, a.getToken(), userId));
        }
        authenticated = true;
        if (phase != Phase.READY) {
            becomeReady();
        }
        catchUp();
    }

    /** Authorized: bring the box up to date before live updates, or learn where it starts. */
    private void catchUp() {
        if (sequencer.pts() == UpdateSequencer.UNKNOWN) {
            CompletableFuture<Void> known = new CompletableFuture<>();
            stateKnown = known;
            internal(
                    ClientFrame.newBuilder().setGetState(GetState.getDefaultInstance()),
                    f -> {
                        long pts = f.getState().getPts();
                        if (syncUpdates) {
                            sequencer.start(pts);
                        } else {
                            persist(s -> s.withPts(pts));
                            sequencer = newSequencer(pts);
                        }
                        known.complete(null);
                        online();
                    },
                    e -> {
                        log.debug("GetState failed", e);
                        known.completeExceptionally(e);
                    });
        } else if (syncUpdates) {
            sequencer.requestDifference();
            if (!sequencer.fetching()) {
                online();
            }
        } else {
            online();
        }
    }

    private void online() {
        report(ConnectionState.ONLINE);
        completeFirstConnect(null);
    }

    /** Completes once the box's starting pts is known after the latest authorization. */
    CompletableFuture<Void> stateKnown() {
        return stateKnown;
    }

    void onLoggedOut() {
        authenticated = false;
        persist(s -> s.withToken(null));
        report(ConnectionState.LOGGED_OUT);
    }

    private void completeFirstConnect(Throwable e) {
        if (firstConnect != null) {
            if (e == null) {
                firstConnect.complete(null);
            } else {
                firstConnect.completeExceptionally(e);
            }
            firstConnect = null;
        }
    }

    private void onFrameOnLoop(int gen, byte[] bytes) {
        if (gen != generation) {
            return;
        }
        lastReceived = System.nanoTime();
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
                onPush(f.getUpdates().getUpdatesList(), f.getUpdates().getUsersList());
            }
        } else {
            Request r = inFlight.remove(f.getId());
            if (r != null) {
                answer(r, f);
            }
        }
        afterEvent();
    }

    private void answer(Request r, ServerFrame f) {
        if (f.hasError()) {
            r.result.completeExceptionally(ChaparException.of(f.getError()));
            return;
        }
        try {
            if (r.onAnswer != null) {
                r.onAnswer.accept(f);
            }
            if (f.hasChatInfo()) {
                followFromHere(f.getChatInfo());
            }
        } catch (RuntimeException e) {
            r.result.completeExceptionally(e);
            return;
        }
        r.result.complete(f);
    }

    /**
     * A supergroup or channel the user is a member of and the client does not follow yet (it was
     * just joined or created) is followed from the pts in this answer, also by a request-only
     * client: the next client on the same state then delivers every post since the join, where a
     * chat first seen in a difference would start at its head.
     */
    private void followFromHere(ChatInfo info) {
        Chat chat = info.getChat();
        boolean ownBox =
                chat.getKind() == ChatKind.SUPERGROUP || chat.getKind() == ChatKind.CHANNEL;
        MemberStatus status = info.getSelf().getStatus();
        boolean member =
                status == MemberStatus.MEMBER
                        || status == MemberStatus.ADMIN
                        || status == MemberStatus.CREATOR;
        if (!ownBox
                || !member
                || channels.follows(chat.getId())
                || syncState().channelPts().containsKey(chat.getId())) {
            return;
        }
        if (syncUpdates) {
            channels.follow(chat.getId(), chat.getPts());
        }
        synchronized (this) {
            persist(st -> st.withChannelPts(chat.getId(), chat.getPts()));
        }
    }

    private void onPush(List<Update> updates, List<User> users) {
        for (Update u : updates) {
            if (u.getKindCase() == Update.KindCase.SESSION_REVOKED) {
                onLoggedOut();
            }
        }
        if (!syncUpdates) {
            return;
        }
        List<Update> common = new ArrayList<>(updates.size());
        for (Update u : updates) {
            if (u.getChannelId() != 0 && u.getPts() != 0) {
                channels.offer(u, users);
            } else {
                common.add(u);
            }
        }
        if (!common.isEmpty()) {
            sequencer.offer(common, users);
        }
    }

    /** Feeds the event of one of the user's own requests (a send, an edit) to the sequencer. */
    void offerOwn(Update u) {
        if (syncUpdates && u.getPts() != 0 && u.getPtsCount() > 0) {
            sequencer.offer(List.of(u), List.of());
        }
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
        boolean wasOpen = phase != Phase.DOWN;
        phase = Phase.DOWN;
        authenticated = false;
        conn = null;
        cancel(pingTask);
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
        if (!wasOpen && firstConnect != null) {
            ChaparException e =
                    new ChaparException(
                            ErrorCode.UNAVAILABLE,
                            "cannot connect to " + uri + ": " + describe(error),
                            error);
            completeFirstConnect(e);
            for (Request r : waiting) {
                r.result.completeExceptionally(e);
            }
            waiting.clear();
            report(ConnectionState.OFFLINE);
            started = false; // connect() may be called again
            afterEvent();
            return;
        }
        log.debug("connection lost: {}", describe(error));
        report(ConnectionState.OFFLINE);
        long delay = backoff.delayMs(attempt++);
        loop.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        afterEvent();
    }

    private void reconnect() {
        if (!closed && phase == Phase.DOWN) {
            open();
        }
    }

    private void ping() {
        if (phase == Phase.DOWN) {
            return;
        }
        if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReceived) > DEAD_AFTER_MS) {
            drop(
                    generation,
                    new java.io.IOException(
                            "no answer from the server for " + DEAD_AFTER_MS + " ms"));
            return;
        }
        internal(
                ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(System.nanoTime())),
                f -> {},
                e -> {});
        afterEvent();
    }

    /** A request the link makes itself; both callbacks run on the loop thread. */
    private void internal(
            ClientFrame.Builder frame, Consumer<ServerFrame> ok, Consumer<Throwable> failed) {
        Request r = new Request(frame, false, isPreAuth(frame), null);
        r.result.whenComplete(
                (f, e) -> {
                    if (e == null) {
                        ok.accept(f);
                    } else {
                        failed.accept(e);
                    }
                });
        enqueue(r);
    }

    private UpdateSequencer newSequencer(long pts) {
        return new UpdateSequencer(
                pts,
                new UpdateSequencer.Output() {
                    @Override
                    public void deliver(Update update, List<User> users) {
                        delivery.update(update, users);
                    }

                    @Override
                    public void settled(long pts) {
                        delivery.settled(0, pts);
                    }

                    @Override
                    public void fetchDifference(long pts) {
                        internal(
                                ClientFrame.newBuilder()
                                        .setGetDifference(
                                                GetDifference.newBuilder()
                                                        .setPts(pts)
                                                        .setLimit(differencePage)),
                                f -> onDifference(f.getDifference()),
                                e -> {
                                    sequencer.onDifferenceFailed();
                                    if (!(e instanceof ChaparException ce
                                            && ce.getCode() == ErrorCode.UNAVAILABLE)) {
                                        log.warn("GetDifference failed, retrying", e);
                                        loop.schedule(
                                                () -> {
                                                    sequencer.requestDifference();
                                                    afterEvent();
                                                },
                                                1,
                                                TimeUnit.SECONDS);
                                    }
                                });
                    }

                    @Override
                    public void reloadNeeded() {
                        delivery.reloadNeeded(0);
                    }
                },
                System::nanoTime,
                TimeUnit.MILLISECONDS.toNanos(GAP_WAIT_MS));
    }

    private void onDifference(Difference d) {
        channels.onHeads(d.getChannelsList());
        sequencer.onDifference(d);
        if (!sequencer.fetching() && reported != ConnectionState.ONLINE) {
            online();
        }
    }

    /** After every event on the loop: arm the gap timer and hand deliveries over. */
    private void afterEvent() {
        long deadline = channels.earliestGapDeadline(sequencer.gapDeadline());
        if (deadline != 0 && deadline != gapTaskDeadline) {
            cancel(gapTask);
            gapTaskDeadline = deadline;
            long delay = Math.max(0, deadline - System.nanoTime());
            gapTask = loop.schedule(this::tickAll, delay, TimeUnit.NANOSECONDS);
        }
        delivery.flush();
    }

    private void tickAll() {
        gapTaskDeadline = 0;
        sequencer.tick();
        channels.tick();
        afterEvent();
    }

    private void report(ConnectionState s) {
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
        phase = Phase.DOWN;
        generation++;
        cancel(pingTask);
        cancel(gapTask);
        ChaparException e = closedException();
        inFlight.values().forEach(r -> r.result.completeExceptionally(e));
        waiting.forEach(r -> r.result.completeExceptionally(e));
        inFlight.clear();
        waiting.clear();
        completeFirstConnect(e);
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

    private static String describe(Throwable e) {
        if (e == null) {
            return "closed by the server";
        }
        Throwable c = e;
        while (c.getCause() != null
                && (c instanceof java.util.concurrent.CompletionException
                        || c.getMessage() == null)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void savePts(long box, long pts, long updateEpoch) {
        synchronized (this) {
            if (updateEpoch != epoch) {
                return; // an update of the user logged in before: its pts means nothing now
            }
            persist(s -> box == 0 ? s.withPts(pts) : s.withChannelPts(box, pts));
        }
    }

    private synchronized void persist(UnaryOperator<SyncState> change) {
        state = change.apply(state);
        store.save(state);
    }
}
