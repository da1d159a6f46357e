package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Error;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Ok;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The link's connection handling, with the test playing the server over a fake transport. */
class ServerLinkTest {

    private final FakeTransport transport = new FakeTransport();
    private final SyncStateStore store = SyncStateStore.inMemory();
    private final ManualClock clock = new ManualClock();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final List<Update.KindCase> kinds = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private ChaparClient client;

    private ChaparClient client() {
        client =
                ChaparClient.builder(URI.create("ws://test/ws"))
                        .stateStore(store)
                        .transport(transport)
                        .clock(clock)
                        .build();
        client.addUpdateListener(
                (u, users) -> {
                    kinds.add(u.getKindCase());
                    delivered.add(u.getPts());
                });
        client.addConnectionListener(states::add);
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static ServerFrame.Builder auth(long userId) {
        return ServerFrame.newBuilder()
                .setAuthorization(
                        Authorization.newBuilder()
                                .setUser(User.newBuilder().setId(userId))
                                .setToken("tok" + userId));
    }

    private static ServerFrame.Builder state(long pts) {
        return ServerFrame.newBuilder().setState(State.newBuilder().setPts(pts));
    }

    private static Update msg(long pts) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setNewMessage(NewMessage.newBuilder().setMessage(Message.newBuilder().setId(pts)))
                .build();
    }

    private static ServerFrame.Builder updates(Update... u) {
        return ServerFrame.newBuilder().setUpdates(Updates.newBuilder().addAllUpdates(List.of(u)));
    }

    /** Waits (up to 5 s) until {@code condition} holds. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("waited 5 s for " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Pushes a sentinel update of the common box at {@code sentinel}, waits for it, then asserts
     * exactly {@code pts} came before it: whatever the link would wrongly deliver from earlier
     * frames is decided before a later frame, so it would be in the list by now.
     */
    private void awaitDelivered(FakeTransport.FakeConnection conn, long sentinel, Long... pts)
            throws InterruptedException {
        conn.push(updates(msg(sentinel)));
        await("the sentinel delivered", () -> delivered.contains(sentinel));
        List<Long> expected = new java.util.ArrayList<>(List.of(pts));
        expected.add(sentinel);
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    private void awaitStoredPts(long pts) throws InterruptedException {
        await("pts " + pts + " saved", () -> store.load().pts() == pts);
    }

    /** Connects, logs in as user 1 and answers the initial GetState with {@code pts}. */
    private FakeTransport.FakeConnection loggedIn(long pts) throws Exception {
        ChaparClient c = client();
        c.connect().get(5, TimeUnit.SECONDS);
        FakeTransport.FakeConnection conn = transport.nextConnection();
        CompletableFuture<Authorization> login = c.login("alice", "password1", "test");
        ClientFrame req = conn.next();
        assertThat(req.hasLogin()).isTrue();
        conn.reply(req, auth(1));
        ClientFrame getState = conn.next();
        assertThat(getState.hasGetState()).isTrue();
        assertThat(login).isNotDone(); // login completes once the update state is initialized
        conn.reply(getState, state(pts));
        assertThat(login.get(5, TimeUnit.SECONDS).getToken()).isEqualTo("tok1");
        awaitStoredPts(pts);
        return conn;
    }

    @Test
    void loginStoresTheSessionAndStartsFromTheServerState() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        conn.push(updates(msg(11)));
        awaitDelivered(conn, 12, 11L);
        awaitStoredPts(12);
        assertThat(store.load()).isEqualTo(new SyncState(12, "tok1", 1));
    }

    @Test
    void sendResultAndPushOfTheSameEventAreDeliveredOnce() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<SentMessage> sent = client.sendMessage(Peers.user(2), "hi");
        ClientFrame req = conn.next();
        assertThat(req.getSendMessage().getRandomId()).isNotZero();
        conn.reply(
                req,
                ServerFrame.newBuilder()
                        .setSentMessage(
                                SentMessage.newBuilder()
                                        .setPts(11)
                                        .setPtsCount(1)
                                        .setMessage(Message.newBuilder().setId(1).setText("hi"))));
        conn.push(updates(msg(11)));
        assertThat(sent.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(11);
        awaitDelivered(conn, 12, 11L);
    }

    @Test
    void sendInFlightIsResentWithTheSameRandomIdAfterReconnect() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<SentMessage> sent = client.sendMessage(Peers.user(2), "hi");
        CompletableFuture<State> other = client.getState();
        ClientFrame first = conn.next();
        conn.next(); // the GetState, unanswered
        conn.drop();

        assertThatThrownBy(() -> other.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ChaparException.class)
                .satisfies(
                        e ->
                                assertThat(((ChaparException) e).getCode())
                                        .isEqualTo(ErrorCode.UNAVAILABLE));

        clock.awaitTimerWithin(Duration.ofMillis(100)); // the first reconnect: backoff with jitter
        clock.advance(Duration.ofMillis(100));
        FakeTransport.FakeConnection again = transport.nextConnection();
        ClientFrame authReq = again.next();
        assertThat(authReq.getAuthenticate().getToken()).isEqualTo("tok1");
        assertThat(sent).isNotDone();
        again.reply(authReq, auth(1));
        ClientFrame resent = again.next();
        ClientFrame diff = again.next();
        if (resent.hasGetDifference()) {
            ClientFrame t = resent;
            resent = diff;
            diff = t;
        }
        assertThat(resent.getSendMessage().getRandomId())
                .isEqualTo(first.getSendMessage().getRandomId());
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        again.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(msg(11))
                                        .setState(State.newBuilder().setPts(11))));
        again.reply(
                resent,
                ServerFrame.newBuilder()
                        .setSentMessage(SentMessage.newBuilder().setPts(11).setPtsCount(1)));
        assertThat(sent.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(11);
        awaitDelivered(again, 12, 11L);
        assertThat(states).contains(ConnectionState.OFFLINE);
        assertThat(states.get(states.size() - 1)).isEqualTo(ConnectionState.ONLINE);
    }

    @Test
    void liveUpdatesWaitForTheCatchUpDifference() throws Exception {
        store.save(new SyncState(5, "tok1", 1));
        ChaparClient c = client();
        CompletableFuture<Void> connected = c.connect();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        ClientFrame authReq = conn.next();
        conn.reply(authReq, auth(1));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(5);
        conn.push(updates(msg(9)));
        assertThat(connected).isNotDone();
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(msg(6))
                                        .addUpdates(msg(8))
                                        .setState(State.newBuilder().setPts(8))));
        connected.get(5, TimeUnit.SECONDS);
        awaitDelivered(conn, 10, 6L, 8L, 9L);
        awaitStoredPts(10);
    }

    @Test
    void rejectedStoredSessionFailsConnectAndIsForgotten() throws Exception {
        store.save(new SyncState(5, "dead", 1));
        ChaparClient c = client();
        CompletableFuture<Void> connected = c.connect();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        ClientFrame authReq = conn.next();
        conn.reply(
                authReq,
                ServerFrame.newBuilder()
                        .setError(
                                Error.newBuilder()
                                        .setCode(ErrorCode.AUTH_INVALID)
                                        .setMessage("bad token")));
        assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ChaparException.class)
                .hasMessage("bad token");
        assertThat(store.load().hasToken()).isFalse();
        await("LOGGED_OUT reported", () -> states.contains(ConnectionState.LOGGED_OUT));
    }

    @Test
    void unreachableServerFailsConnect() {
        transport.refuse = true;
        assertThatThrownBy(() -> client().connect().get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ChaparException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void errorsCarryCodeAndRetryAfter() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(0);
        CompletableFuture<AffectedPts> read = client.readHistory(Peers.user(2), 5);
        conn.reply(
                conn.next(),
                ServerFrame.newBuilder()
                        .setError(
                                Error.newBuilder()
                                        .setCode(ErrorCode.FLOOD_WAIT)
                                        .setMessage("slow down")
                                        .setRetryAfterMs(1500)));
        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        ChaparException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(ErrorCode.FLOOD_WAIT);
                            assertThat(e.retryAfterMs()).isEqualTo(1500);
                        });
    }

    @Test
    void closeFailsPendingRequests() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(0);
        CompletableFuture<User> me = client.getMe();
        conn.next();
        client.close();
        assertThatThrownBy(() -> me.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ChaparException.class);
        assertThat(states).endsWith(ConnectionState.CLOSED);
        assertThat(conn.closed).isTrue();
    }

    @Test
    void closingFromAListenerStopsDeliveryAndSavesOnlyWhatWasDelivered() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        List<Long> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        client.addUpdateListener(
                (u, users) -> {
                    seen.add(u.getPts());
                    client.close();
                    stopped.complete(null);
                });
        conn.push(updates(msg(11), msg(12), msg(13)));
        stopped.get(5, TimeUnit.SECONDS);
        client.close(); // from the test thread: returns once the delivery thread has finished
        assertThat(seen).containsExactly(11L);
        assertThat(store.load().pts()).isEqualTo(11);
    }

    @Test
    void answersArriveEvenWhenTheApplicationBlocksEveryCommonPoolThread() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        int n = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        for (int i = 0; i < n; i++) {
            CompletableFuture.runAsync(
                    () -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
        try {
            CompletableFuture<User> me = client.getMe();
            conn.reply(conn.next(), ServerFrame.newBuilder().setUser(User.newBuilder().setId(1)));
            assertThat(me.get(5, TimeUnit.SECONDS).getId()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    private static Update post(long chat, long pts) {
        return msg(pts).toBuilder().setChannelId(chat).build();
    }

    @Test
    void channelBoxesAreSequencedApartAndCaughtUpFromTheirHeads() throws Exception {
        store.save(new SyncState(5, "tok1", 1, java.util.Map.of(77L, 10L)));
        ChaparClient c = client();
        CompletableFuture<Void> connected = c.connect();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        conn.reply(conn.next(), auth(1));
        ClientFrame diff = conn.next();
        // the common box has nothing new; channel 77 moved to 12 and channel 88 is new to us at 40
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .setState(State.newBuilder().setPts(5))
                                        .addChannels(
                                                org.chapar.protocol.ChannelHead.newBuilder()
                                                        .setChatId(77)
                                                        .setPts(12))
                                        .addChannels(
                                                org.chapar.protocol.ChannelHead.newBuilder()
                                                        .setChatId(88)
                                                        .setPts(40))));
        connected.get(5, TimeUnit.SECONDS);
        ClientFrame channelDiff = conn.next();
        assertThat(channelDiff.getGetChannelDifference().getChatId()).isEqualTo(77);
        assertThat(channelDiff.getGetChannelDifference().getPts()).isEqualTo(10);
        conn.push(updates(post(77, 13), post(88, 41), msg(6))); // live while the channel catches up
        conn.reply(
                channelDiff,
                ServerFrame.newBuilder()
                        .setChannelDifference(
                                org.chapar.protocol.ChannelDifference.newBuilder()
                                        .addUpdates(post(77, 11))
                                        .addUpdates(post(77, 12))
                                        .setPts(12)));
        awaitDelivered(conn, 7, 41L, 6L, 11L, 12L, 13L);
        awaitStoredPts(7);
        assertThat(store.load().channelPts()).containsEntry(77L, 13L).containsEntry(88L, 41L);
    }

    @Test
    void aReadThatChangedNothingIsNotAnEvent() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> read = client.readHistory(Peers.user(2), 5);
        conn.reply(
                conn.next(),
                ServerFrame.newBuilder()
                        .setAffected(AffectedPts.newBuilder().setPts(10).setPtsCount(0)));
        read.get(5, TimeUnit.SECONDS);
        conn.push(updates(msg(11)));
        awaitDelivered(conn, 12, 11L);
    }

    @Test
    void aGapThatStaysOpenIsFilledByDifferenceAfterTheWait() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        conn.push(updates(msg(12)));
        // each request is a sentinel: the link handled what came before it, the gap included
        client.getMe();
        assertThat(conn.next().hasGetMe()).isTrue();
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS).minusNanos(1));
        client.getMe();
        assertThat(conn.next().hasGetMe()).as("no difference before the wait is over").isTrue();
        clock.advance(Duration.ofNanos(1));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(msg(11))
                                        .addUpdates(msg(12))
                                        .setState(State.newBuilder().setPts(12))));
        awaitDelivered(conn, 13, 11L, 12L);
    }

    @Test
    void aTooLongPushFetchesTheDifferenceAtOnce() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        conn.push(
                updates(
                        Update.newBuilder()
                                .setTooLong(org.chapar.protocol.TooLong.getDefaultInstance())
                                .build()));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .setTooLong(true)
                                        .setState(State.newBuilder().setPts(500))));
        awaitStoredPts(500);
    }

    private static ServerFrame.Builder affected(long pts, long channelId) {
        return ServerFrame.newBuilder()
                .setAffected(
                        AffectedPts.newBuilder()
                                .setPts(pts)
                                .setPtsCount(1)
                                .setChannelId(channelId));
    }

    private static Update pinned(long pts, boolean pinned) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setPinnedMessage(
                        PinnedMessage.newBuilder()
                                .setPeer(Peers.chat(5))
                                .setId(3)
                                .setPinned(pinned))
                .build();
    }

    @Test
    void aSilentPinsAnswerIsItsEventAndItsPushADuplicate() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        ChatRequests chats = new ChatRequests(client);
        CompletableFuture<AffectedPts> pin = chats.pinMessage(Peers.chat(5), 3, false, true);
        conn.reply(conn.next(), affected(11, 0));
        assertThat(pin.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(11);
        // no push yet: only the answer can have closed the box up to 11 for the sentinel at 12
        awaitDelivered(conn, 12, 11L);
        conn.push(updates(pinned(11, true)));
        CompletableFuture<AffectedPts> unpin = chats.pinMessage(Peers.chat(5), 3, true, false);
        conn.reply(conn.next(), affected(13, 0));
        unpin.get(5, TimeUnit.SECONDS);
        conn.push(updates(pinned(13, false)));
        awaitDelivered(conn, 14, 11L, 12L, 13L);
        assertThat(kinds)
                .containsExactly(
                        Update.KindCase.PINNED_MESSAGE,
                        Update.KindCase.NEW_MESSAGE,
                        Update.KindCase.PINNED_MESSAGE,
                        Update.KindCase.NEW_MESSAGE);
        awaitStoredPts(14);
    }

    @Test
    void aPinThatPostsAServiceMessageIsFetchedWhenNoPushBringsIt() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> pin =
                new ChatRequests(client).pinMessage(Peers.chat(5), 3, false, false);
        conn.reply(conn.next(), affected(12, 0)); // the service message's pts; the pin is at 11
        pin.get(5, TimeUnit.SECONDS);
        // the link thread arms the gap timer after the answer's event, which may be after the
        // future completed: a timer set after the advance would never be due on this clock
        clock.awaitTimerWithin(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(pinned(11, true))
                                        .addUpdates(msg(12))
                                        .setState(State.newBuilder().setPts(12))));
        awaitDelivered(conn, 13, 11L, 12L);
        assertThat(kinds).startsWith(Update.KindCase.PINNED_MESSAGE);
    }

    @Test
    void aPinThatPostsAServiceMessageTakesItsPushes() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> pin =
                new ChatRequests(client).pinMessage(Peers.chat(5), 3, false, false);
        conn.reply(conn.next(), affected(12, 0));
        pin.get(5, TimeUnit.SECONDS);
        conn.push(updates(pinned(11, true), msg(12)));
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        client.getMe(); // a sentinel request: a difference would have been asked before it
        assertThat(conn.next().hasGetMe()).isTrue();
        awaitDelivered(conn, 13, 11L, 12L);
    }

    @Test
    void aForwardsAnswerMovesTheBoxItNames() throws Exception {
        store.save(new SyncState(10, "tok1", 1, java.util.Map.of(77L, 20L)));
        ChaparClient c = client();
        CompletableFuture<Void> connected = c.connect();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        conn.reply(conn.next(), auth(1));
        conn.reply(
                conn.next(),
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder().setState(State.newBuilder().setPts(10))));
        connected.get(5, TimeUnit.SECONDS);
        CompletableFuture<SentMessage> forward =
                new ChatRequests(c).forwardMessage(Peers.user(2), 4, Peers.chat(77));
        ClientFrame req = conn.next();
        assertThat(req.getForwardMessage().getRandomId()).isNotZero();
        conn.reply(
                req,
                ServerFrame.newBuilder()
                        .setSentMessage(
                                SentMessage.newBuilder()
                                        .setPts(21)
                                        .setPtsCount(1)
                                        .setChannelId(77)
                                        .setMessage(Message.newBuilder().setId(21))));
        assertThat(forward.get(5, TimeUnit.SECONDS).getChannelId()).isEqualTo(77);
        await("the channel's pts saved", () -> store.load().channelPts().get(77L) == 21L);
        conn.push(updates(post(77, 21), post(77, 22)));
        awaitDelivered(conn, 11, 21L, 22L);
    }

    private static ServerFrame.Builder auth(long userId, String username, String cookie) {
        ServerFrame.Builder f = auth(userId);
        f.getAuthorizationBuilder().setDeviceCookie(cookie).getUserBuilder().setUsername(username);
        return f;
    }

    /** Logs {@code username} in on {@code conn}; returns the cookie the Login presented. */
    private static String logIn(
            ChaparClient c, FakeTransport.FakeConnection conn, String username, long id)
            throws Exception {
        CompletableFuture<Authorization> login = c.login(username, "password1", "test");
        ClientFrame req = conn.next();
        conn.reply(req, auth(id, username.replace("@", "").toLowerCase(), "cookie-" + id));
        conn.reply(conn.next(), state(10));
        login.get(5, TimeUnit.SECONDS);
        return req.getLogin().getDeviceCookie();
    }

    private static void logOut(ChaparClient c, FakeTransport.FakeConnection conn) throws Exception {
        CompletableFuture<Void> out = c.logout();
        conn.reply(conn.next(), ServerFrame.newBuilder().setOk(Ok.getDefaultInstance()));
        out.get(5, TimeUnit.SECONDS);
    }

    @Test
    void eachAccountsDeviceCookieIsKeptAcrossLogoutsUsersAndRestarts() throws Exception {
        ChaparClient c = client();
        c.connect().get(5, TimeUnit.SECONDS);
        FakeTransport.FakeConnection conn = transport.nextConnection();
        assertThat(logIn(c, conn, "alice", 1)).isEmpty();
        assertThat(store.load().deviceCookie("alice")).isEqualTo("cookie-1");
        logOut(c, conn);
        assertThat(logIn(c, conn, "bob", 2)).as("alice's cookie is no key to bob").isEmpty();
        logOut(c, conn);
        c.close();

        ChaparClient again = client();
        again.connect().get(5, TimeUnit.SECONDS);
        FakeTransport.FakeConnection next = transport.nextConnection();
        assertThat(logIn(again, next, "@Alice", 1)).isEqualTo("cookie-1");
        assertThat(store.load().deviceCookie("bob")).isEqualTo("cookie-2");
        assertThat(store.load().userId()).isEqualTo(1);
    }
}
