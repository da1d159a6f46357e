package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Error;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection that is open but that the server does not take into service (it is starting,
 * shutting down, overloaded) must not hold the link: it is made again, and a catch-up the server
 * answered with a failure is asked again, or every request would wait for ever behind it.
 */
class HandshakeRecoveryTest extends LinkFixture {

    /** A client with a stored session at pts 5, connecting. */
    private CompletableFuture<Void> connectWithStoredSession() {
        store.save(new SyncState(5, "tok1", 1));
        return client().connect();
    }

    private static ServerFrame.Builder error(ErrorCode code, String message) {
        return ServerFrame.newBuilder()
                .setError(Error.newBuilder().setCode(code).setMessage(message));
    }

    private static ServerFrame.Builder upToDate(long pts) {
        return ServerFrame.newBuilder()
                .setDifference(Difference.newBuilder().setState(State.newBuilder().setPts(pts)));
    }

    /** Waits until the client gave {@code old} up, then lets the first reconnect backoff pass. */
    private FakeTransport.FakeConnection reconnectedAfter(FakeTransport.FakeConnection old)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!old.closed) {
            assertThat(System.nanoTime() - end).as("the old connection closed").isNegative();
            Thread.sleep(5);
        }
        clock.awaitTimerWithin(Duration.ofMillis(100)); // the first attempt: at most 100 ms
        clock.advance(Duration.ofMillis(100));
        return transport.nextConnection();
    }

    @Test
    void aPassingFailureOfAuthenticateOnALiveConnectionMakesTheConnectionAgain() throws Exception {
        CompletableFuture<Void> connected = connectWithStoredSession();
        FakeTransport.FakeConnection first = transport.nextConnection();
        ClientFrame authReq = first.next();
        assertThat(authReq.getAuthenticate().getToken()).isEqualTo("tok1");
        first.reply(authReq, error(ErrorCode.UNAVAILABLE, "The server is shutting down"));

        FakeTransport.FakeConnection second = reconnectedAfter(first);
        assertThat(connected).isNotDone();
        ClientFrame again = second.next();
        assertThat(again.getAuthenticate().getToken()).isEqualTo("tok1"); // the session is kept
        second.reply(again, auth(1));
        ClientFrame diff = second.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(5);
        second.reply(diff, upToDate(5));
        connected.get(5, TimeUnit.SECONDS);
        assertThat(store.load().token()).isEqualTo("tok1");
    }

    @Test
    void aRefusedSessionIsNotRetried() throws Exception {
        CompletableFuture<Void> connected = connectWithStoredSession();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        conn.reply(conn.next(), error(ErrorCode.AUTH_INVALID, "bad token"));
        assertThat(connected).failsWithin(Duration.ofSeconds(5));
        assertThat(conn.closed).isFalse(); // still usable to log in again
        assertThat(store.load().token()).isNull();
    }

    @Test
    void aConnectionTheServerNeverAnswersIsGivenUpAndMadeAgain() throws Exception {
        CompletableFuture<Void> connected = connectWithStoredSession();
        FakeTransport.FakeConnection first = transport.nextConnection();
        assertThat(first.next().hasAuthenticate()).isTrue(); // never answered
        clock.awaitTimerWithin(Duration.ofMillis(ServerLink.HANDSHAKE_TIMEOUT_MS));
        clock.advance(Duration.ofMillis(ServerLink.HANDSHAKE_TIMEOUT_MS));
        FakeTransport.FakeConnection second = reconnectedAfter(first);
        ClientFrame authReq = second.next();
        second.reply(authReq, auth(1));
        ClientFrame diff = second.next();
        second.reply(diff, upToDate(5));
        connected.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aCatchUpAnsweredWithAFailureIsAskedAgainOnTheSameConnection() throws Exception {
        CompletableFuture<Void> connected = connectWithStoredSession();
        FakeTransport.FakeConnection conn = transport.nextConnection();
        conn.reply(conn.next(), auth(1));
        ClientFrame diff = conn.next();
        conn.reply(diff, error(ErrorCode.UNAVAILABLE, "The server is overloaded; retry shortly"));
        assertThat(connected).isNotDone();

        clock.awaitTimerWithin(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        ClientFrame retry = conn.next();
        assertThat(retry.getGetDifference().getPts()).isEqualTo(5);
        conn.reply(retry, upToDate(7));
        connected.get(5, TimeUnit.SECONDS);
        assertThat(conn.closed).isFalse();
    }
}
