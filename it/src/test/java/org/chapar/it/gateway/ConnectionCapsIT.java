package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections not logged in are capped per address and in total. A newcomer over a cap takes the
 * place of the oldest such connection (of its own address, for the per-address cap); logged-in
 * connections are neither counted nor closed.
 */
class ConnectionCapsIT {
    static final int PER_ADDRESS = 5;
    static final int TOTAL = 12;

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c ->
                            c.withConnectionLimits(
                                    c.connectionLimits().withUnauthenticated(PER_ADDRESS, TOTAL)));

    private final List<RawSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(RawSocket::close);
    }

    private RawSocket open(String source) throws UnknownHostException {
        RawSocket s = RawSocket.connect(InetAddress.getByName(source), server.port(), 0).upgrade();
        sockets.add(s);
        return s;
    }

    private static boolean answersPing(RawSocket s) {
        return s.call(ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(1))).hasPong();
    }

    @Test
    void overTheAddressCapTheAddressesOldestGivesWayAndOthersAreUntouched() throws Exception {
        TestUser alice = server.newUser("alice");
        RawSocket aliceFromFlooder = open("127.0.0.2");
        var auth = Authenticate.newBuilder().setToken(alice.token());
        assertThat(aliceFromFlooder.call(ClientFrame.newBuilder().setAuthenticate(auth)))
                .matches(f -> f.hasAuthorization());
        RawSocket neighbour = open("127.0.0.3");
        List<RawSocket> flood = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            flood.add(open("127.0.0.2"));
        }
        RawSocket newcomer = open("127.0.0.2");

        assertThat(flood.get(0).awaitClosedByServer(Duration.ofSeconds(10)))
                .as("the address's oldest connection not logged in was closed")
                .isTrue();
        assertThat(answersPing(newcomer)).isTrue();
        assertThat(answersPing(flood.get(1))).isTrue();
        assertThat(answersPing(neighbour)).isTrue();
        assertThat(answersPing(aliceFromFlooder)).as("logged in: not counted").isTrue();
    }

    @Test
    void overTheTotalCapTheOldestGivesWayAndTheHealthCheckIsAnswered() throws Exception {
        List<RawSocket> flood = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            flood.add(open("127.0.1." + (10 + i % 4)));
        }
        RawSocket newcomer = open("127.0.1.20");
        assertThat(flood.get(0).awaitClosedByServer(Duration.ofSeconds(10)))
                .as("the oldest connection not logged in was closed")
                .isTrue();
        assertThat(answersPing(newcomer)).isTrue();

        HttpResponse<String> health =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.httpUri("/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode())
                .as(
                        "answered, and says the node is at its limits: a load balancer sends new"
                                + " clients elsewhere")
                .isEqualTo(503);
        assertThat(health.body()).contains("\"admission\":\"at-limit\"");
        assertThat(flood.get(1).awaitClosedByServer(Duration.ofSeconds(10)))
                .as("the health check took the next oldest one's place")
                .isTrue();
        assertThat(answersPing(flood.get(2))).isTrue();
    }
}
