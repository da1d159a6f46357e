package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A node at its connection ceiling answers new WebSocket upgrades 503 with Retry-After, keeps
 * serving the connections it has, and says "limited" in /health until one of them goes.
 */
class ConnectionCeilingIT {
    /** Two users' clients and one raw socket. */
    static final int CEILING = 3;

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c -> c.withConnectionLimits(c.connectionLimits().withCeiling(CEILING, 100)));

    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpResponse<String> health() throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.httpUri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean answersPing(RawSocket s) {
        return s.call(ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(7))).hasPong();
    }

    @Test
    void atTheCeilingNewConnectionsAreToldToRetryAndTheOpenOnesAreServed() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        assertThat(health().statusCode()).isEqualTo(200);
        try (RawSocket third = RawSocket.connect(server.port()).upgrade();
                RawSocket refused = RawSocket.connect(server.port())) {
            String head = refused.refusedUpgrade();
            assertThat(head).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 5");
            assertThat(refused.awaitClosedByServer(Duration.ofSeconds(10))).isTrue();

            assertThat(answersPing(third)).isTrue();
            alice.client().sendMessage(bob.peer(), "still served").join();
            bob.updates().awaitOne(UpdateRecorder.newMessage("still served"));
            HttpResponse<String> limited = health();
            assertThat(limited.statusCode()).isEqualTo(503);
            assertThat(limited.body())
                    .contains("\"admission\":\"limited\"")
                    .contains("at its ceiling of " + CEILING + " connections");
        }
        awaitHealthy();
        try (RawSocket again = RawSocket.connect(server.port()).upgrade()) {
            assertThat(answersPing(again)).as("room again once one closed").isTrue();
        }
    }

    private static void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> r = health();
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = health();
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
