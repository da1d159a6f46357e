package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Pong;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection that dies without a word (nothing closes it, nothing comes back) is found out while
 * a request waits on it, and the request is sent again on a new connection; a live server that is
 * merely slow to answer keeps its connection.
 */
class LivenessTest extends LinkFixture {
    /** Moves the clock on by one liveness check, once the link has set its next one. */
    private void nextCheck() throws InterruptedException {
        clock.awaitTimerWithin(Duration.ofMillis(Liveness.CHECK_EVERY_MS));
        clock.advance(Duration.ofMillis(Liveness.CHECK_EVERY_MS));
        Thread.sleep(20); // the check runs on the link thread
    }

    /** Answers the pings the client has sent so far; how many there were. */
    private static int answerPings(FakeTransport.FakeConnection conn) {
        int n = 0;
        for (ClientFrame f; (f = conn.sent.poll()) != null; ) {
            if (f.hasPing()) {
                conn.reply(
                        f,
                        ServerFrame.newBuilder()
                                .setPong(Pong.newBuilder().setPayload(f.getPing().getPayload())));
                n++;
            }
        }
        return n;
    }

    private static int pings(FakeTransport.FakeConnection conn) {
        return (int) conn.sent.stream().filter(ClientFrame::hasPing).count();
    }

    @Test
    void aConnectionThatFallsSilentWhileASendWaitsIsGivenUpAndTheSendGoesAgain() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(5);
        CompletableFuture<SentMessage> sent = client.sendMessage(Peers.user(2), "hi");
        ClientFrame first = conn.next();
        assertThat(first.hasSendMessage()).isTrue();
        conn.sent.clear();

        for (long waited = 0; waited < Liveness.WAITING_PING_AFTER_MS; ) {
            nextCheck();
            waited += Liveness.CHECK_EVERY_MS;
        }
        assertThat(pings(conn)).as("asked once nothing came for 10 s").isEqualTo(1);
        nextCheck(); // 15 s of silence: still given the benefit of the doubt
        assertThat(conn.closed).isFalse();

        long waited = 15_000;
        while (!conn.closed && waited < 40_000) {
            nextCheck();
            waited += Liveness.CHECK_EVERY_MS;
        }
        assertThat(conn.closed).as("given up after 20 s of silence").isTrue();
        assertThat(waited)
                .isGreaterThan(Liveness.WAITING_DEAD_AFTER_MS)
                .isLessThanOrEqualTo(25_000);

        clock.awaitTimerWithin(Duration.ofMillis(100)); // the first reconnect
        clock.advance(Duration.ofMillis(100));
        FakeTransport.FakeConnection again = transport.nextConnection();
        again.reply(again.next(), auth(1));
        ResentAndDifference after = resentAndDifference(again);
        ClientFrame resent = after.resent();
        ClientFrame diff = after.difference();
        assertThat(resent.getSendMessage().getRandomId())
                .isEqualTo(first.getSendMessage().getRandomId());
        again.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder().setState(State.newBuilder().setPts(5))));
        again.reply(
                resent,
                ServerFrame.newBuilder()
                        .setSentMessage(SentMessage.newBuilder().setPts(6).setPtsCount(1)));
        assertThat(sent.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(6);
    }

    @Test
    void aSlowAnswerOnAConnectionThatAnswersItsPingsKeepsTheConnection() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(5);
        CompletableFuture<SentMessage> sent = client.sendMessage(Peers.user(2), "hi");
        ClientFrame request = conn.next();
        conn.sent.clear();

        int answered = 0;
        for (long waited = 0; waited < 60_000; waited += Liveness.CHECK_EVERY_MS) {
            nextCheck();
            answered += answerPings(conn);
        }
        assertThat(conn.closed).isFalse();
        assertThat(answered)
                .as("a ping every 10 s while the answer waits")
                .isGreaterThanOrEqualTo(4);
        assertThat(transport.connections).isEmpty();

        conn.reply(
                request,
                ServerFrame.newBuilder()
                        .setSentMessage(SentMessage.newBuilder().setPts(6).setPtsCount(1)));
        assertThat(sent.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(6);
    }
}
