package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A connection has to send a whole HTTP request, and then log in, within its deadlines, however
 * busy it keeps the socket: any byte restarts the idle timer, but not these.
 */
class ConnectionDeadlinesIT {
    static final Duration DEADLINE = Duration.ofSeconds(2);

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c ->
                            c.withConnectionLimits(
                                    c.connectionLimits().withDeadlines(DEADLINE, DEADLINE)));

    private static ClientFrame.Builder ping() {
        return ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(7));
    }

    @Test
    void anHttpRequestTrickledAByteAtATimeIsClosedWhileAWholeOneIsAnswered() throws Exception {
        try (RawSocket trickle = RawSocket.connect(server.port())) {
            trickle.writeRaw(
                    "GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            // a header byte every 250 ms, for up to 15 times the deadline
            for (int i = 0; i < 120 && !closed; i++) {
                try {
                    trickle.writeRaw(new byte[] {'X'});
                } catch (UncheckedIOException reset) {
                    closed = true;
                }
                closed = closed || trickle.awaitClosedByServer(Duration.ofMillis(250));
            }
            assertThat(closed).as("the server closed the trickling request").isTrue();
        }

        HttpResponse<String> whole =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.httpUri("/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(whole.statusCode()).isEqualTo(200);
    }

    @Test
    void aWebSocketThatPingsButNeverLogsInIsClosedWhileOneThatLoggedInStays() {
        TestUser alice = server.newUser("alice");
        try (RawSocket anonymous = RawSocket.connect(server.port()).upgrade();
                RawSocket loggedIn = RawSocket.connect(server.port()).upgrade()) {
            var auth = Authenticate.newBuilder().setToken(alice.token());
            assertThat(loggedIn.call(ClientFrame.newBuilder().setAuthenticate(auth)))
                    .matches(f -> f.hasAuthorization());
            boolean closed = false;
            // a ping every 250 ms on both, for up to 15 times the deadline
            for (int i = 0; i < 120 && !closed; i++) {
                try {
                    assertThat(anonymous.call(ping()).hasPong()).isTrue();
                } catch (UncheckedIOException | AssertionError gone) {
                    closed = true;
                }
                assertThat(loggedIn.call(ping()).hasPong()).isTrue();
                closed = closed || anonymous.awaitClosedByServer(Duration.ofMillis(250));
            }
            assertThat(closed).as("the server closed the connection that never logged in").isTrue();
            // opened at the same time, so past the deadline too: still served
            assertThat(loggedIn.call(ping()).hasPong()).isTrue();
        }
    }
}
