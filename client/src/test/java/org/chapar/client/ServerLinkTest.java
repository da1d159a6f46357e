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
import org.chapar.protocol.Ok;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The link's connection handling, with the test playing the server over a fake transport. */
class ServerLinkTest extends LinkFixture {
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
        ResentAndDifference after = resentAndDifference(again);
        ClientFrame resent = after.resent();
        ClientFrame diff = after.difference();
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
