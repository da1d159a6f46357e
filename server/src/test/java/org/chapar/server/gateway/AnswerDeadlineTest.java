package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request deadline holds a connection to sending its request, not the server to answering it:
 * an answer slower than the deadline (a download over a slow link, a long poll) arrives whole over
 * HTTP/1.1, and the kept-alive connection's next deadline runs from the end of that answer.
 */
class AnswerDeadlineTest {
    static final Duration DEADLINE = Duration.ofMillis(300);

    static TestGateway gateway() throws InterruptedException {
        HttpRoutes routes = new HttpRoutes();
        routes.small(
                HttpMethod.GET,
                "/slow",
                0,
                call ->
                        CompletableFuture.supplyAsync(
                                () -> HttpReply.json(HttpResponseStatus.OK, "{\"slow\":true}"),
                                CompletableFuture.delayedExecutor(
                                        5 * DEADLINE.toMillis(), TimeUnit.MILLISECONDS)));
        return new TestGateway(
                routes,
                Optional.empty(),
                ConnectionLimits.defaults().withDeadlines(DEADLINE, Duration.ofSeconds(30)));
    }

    @Test
    void anAnswerSlowerThanTheRequestDeadlineArrivesWhole() throws Exception {
        try (TestGateway g = gateway()) {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(g.uri("/slow")).build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"slow\":true}");
        }
    }

    @Test
    void afterTheAnswerAnIdleKeptAliveConnectionIsStillClosedAtTheDeadline() throws Exception {
        try (TestGateway g = gateway();
                Socket s = g.socket()) {
            s.getOutputStream()
                    .write(
                            "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            TestGateway.Response r = TestGateway.Response.read(in);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers()).doesNotContainEntry("connection", "close");
            // nothing more is sent: the server closes the connection (the socket's 30 s timeout
            // would fail the read instead)
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
