package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.NatsExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's /health and /metrics: what an operator and a load balancer read of it. */
class NodeOpsIT {
    @RegisterExtension
    @Order(1)
    static final NatsExtension nats = NatsExtension.create();

    @RegisterExtension
    @Order(2)
    static final ChaparServerExtension server = ChaparServerExtension.create(nats.onBus());

    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.httpUri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line of the exposition, e.g. {@code chapar_connections}. */
    private static double sample(String metrics, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$")
                        .matcher(metrics);
        assertThat(m.find()).as("series %s in\n%s", series, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsCountConnectionsSendsCommitsAndTheBusInThePrometheusFormat() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "counted").join();
        bob.updates().awaitOne(u -> u.hasNewMessage());

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        String m = r.body();
        assertThat(sample(m, "chapar_connections")).isGreaterThanOrEqualTo(2);
        assertThat(sample(m, "chapar_requests_total{kind=\"send_message\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(m, "chapar_commit_batch_writes_count")).isGreaterThanOrEqualTo(1);
        assertThat(m).contains("chapar_commit_batch_writes_bucket{le=\"1.0\"}");
        assertThat(m).contains("chapar_commit_batch_seconds_bucket{le=\"0.001\"}");
        assertThat(sample(m, "chapar_bus_published_total")).isGreaterThanOrEqualTo(1);
        assertThat(sample(m, "chapar_bus_received_total")).isGreaterThanOrEqualTo(1);
        assertThat(sample(m, "chapar_pushes_total")).isGreaterThanOrEqualTo(1);
        assertThat(sample(m, "chapar_bus_up")).isEqualTo(1);
        assertThat(sample(m, "chapar_store_up")).isEqualTo(1);
    }

    @Test
    void healthSaysWhenTheBusIsUnreachableAndRecoversWithIt() throws Exception {
        assertThat(get("/health").body())
                .isEqualTo(
                        "{\"status\":\"ok\",\"store\":\"ok\",\"bus\":\"ok\",\"admission\":\"ok\"}");

        nats.process().stop();
        try {
            HttpResponse<String> down = awaitStatus(503);
            assertThat(down.body())
                    .contains("\"status\":\"failing\"")
                    .contains("\"bus\":\"unreachable\"")
                    .contains("\"store\":\"ok\"");
            assertThat(sample(get("/metrics").body(), "chapar_bus_up")).isEqualTo(0);
        } finally {
            nats.process().startAgain();
        }

        assertThat(awaitStatus(200).body()).contains("\"bus\":\"ok\"");
    }

    private static HttpResponse<String> awaitStatus(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> r = get("/health");
            if (r.statusCode() == status || System.nanoTime() > deadline) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
                return r;
            }
            Thread.sleep(50);
        }
    }
}
