package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The test playing the server over a fake transport for a link's tests: a client, its store and
 * clock, and what it delivered.
 */
abstract class LinkFixture {
    final FakeTransport transport = new FakeTransport();
    final SyncStateStore store = SyncStateStore.inMemory();
    final ManualClock clock = new ManualClock();
    final List<Long> delivered = new CopyOnWriteArrayList<>();
    final List<Update.KindCase> kinds = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    ChaparClient client;

    ChaparClient client() {
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

    static ServerFrame.Builder auth(long userId) {
        return ServerFrame.newBuilder()
                .setAuthorization(
                        Authorization.newBuilder()
                                .setUser(User.newBuilder().setId(userId))
                                .setToken("tok" + userId));
    }

    static ServerFrame.Builder state(long pts) {
        return ServerFrame.newBuilder().setState(State.newBuilder().setPts(pts));
    }

    static Update msg(long pts) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setNewMessage(NewMessage.newBuilder().setMessage(Message.newBuilder().setId(pts)))
                .build();
    }

    static ServerFrame.Builder updates(Update... u) {
        return ServerFrame.newBuilder().setUpdates(Updates.newBuilder().addAllUpdates(List.of(u)));
    }

    /** Waits (up to 5 s) until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
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
    void awaitDelivered(FakeTransport.FakeConnection conn, long sentinel, Long... pts)
            throws InterruptedException {
        conn.push(updates(msg(sentinel)));
        await("the sentinel delivered", () -> delivered.contains(sentinel));
        List<Long> expected = new java.util.ArrayList<>(List.of(pts));
        expected.add(sentinel);
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    void awaitStoredPts(long pts) throws InterruptedException {
        await("pts " + pts + " saved", () -> store.load().pts() == pts);
    }

    /** Connects, logs in as user 1 and answers the initial GetState with {@code pts}. */
    FakeTransport.FakeConnection loggedIn(long pts) throws Exception {
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

    /**
     * After a reconnect and its Authenticate: the re-sent request and the catch-up GetDifference,
     * which go out in either order.
     */
    static ResentAndDifference resentAndDifference(FakeTransport.FakeConnection conn)
            throws InterruptedException {
        ClientFrame a = conn.next();
        ClientFrame b = conn.next();
        return a.hasGetDifference() ? new ResentAndDifference(b, a) : new ResentAndDifference(a, b);
    }

    record ResentAndDifference(ClientFrame resent, ClientFrame difference) {}

    /**
     * Connects with {@code saved} as the stored session and answers its Authenticate for user 1;
     * the catch-up is the test's to answer.
     */
    Resuming resume(SyncState saved) throws InterruptedException {
        store.save(saved);
        CompletableFuture<Void> connected = client().connect();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        conn.reply(conn.next(), auth(1));
        return new Resuming(connected, conn);
    }

    record Resuming(CompletableFuture<Void> connected, FakeTransport.FakeConnection conn) {}
}
