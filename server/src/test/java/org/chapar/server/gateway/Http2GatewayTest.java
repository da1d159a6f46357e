package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.tls.SelfSigned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * HTTP/2 on the TLS port: ALPN picks it for a client that offers it, files go out as DATA frames
 * whole and by range, answers carry HSTS, the WebSocket path is refused with a reason, an HTTP/1.1
 * client is still served on the same port, and one connection's streams count against the cap on an
 * address's requests as HTTP/1.1 connections would.
 */
class Http2GatewayTest {
    @TempDir static Path dir;
    static byte[] bytes;
    static SelfSigned certificate;
    static SSLContext trusting;
    static TestGateway gateway;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        bytes = new byte[300_000]; // 5 chunks, each several DATA frames
        new Random(31).nextBytes(bytes);
        Files.write(web.resolve("photo.jpg"), bytes);
        certificate = SelfSigned.loadOrCreate(dir.resolve("data"), "127.0.0.1", Clock.systemUTC());
        HttpRoutes routes = new HttpRoutes();
        routes.files("/static/", new StaticFiles(web, "no-cache"));
        routes.webSocket("/ws");
        routes.streaming(
                HttpMethod.POST,
                "/create",
                1 << 20,
                head ->
                        CompletableFuture.completedFuture(
                                HttpRoutes.immediate(HttpReply.empty(HttpResponseStatus.CREATED))));
        gateway = new TestGateway(routes, Optional.of(certificate));

        trusting = TestGateway.trusting(certificate.credentials().leaf());
        h2 = client(HttpClient.Version.HTTP_2);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        certificate.close();
    }

    static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(trusting).version(version).build();
    }

    static HttpRequest.Builder get(TestGateway g, String path) {
        return HttpRequest.newBuilder(g.uri(path)).timeout(Duration.ofSeconds(20));
    }

    @Test
    void aFileArrivesWholeAndByRangeOverHttp2WithItsTagAndHsts() throws Exception {
        HttpResponse<byte[]> whole =
                h2.send(get(gateway, "/static/photo.jpg").build(), BodyHandlers.ofByteArray());
        assertThat(whole.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("content-length")).hasValue("300000");
        assertThat(whole.headers().firstValue("strict-transport-security"))
                .hasValue(HstsHandler.VALUE);
        assertThat(whole.body()).isEqualTo(bytes);
        String etag = whole.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> part =
                h2.send(
                        get(gateway, "/static/photo.jpg").header("Range", "bytes=70000-").build(),
                        BodyHandlers.ofByteArray());
        assertThat(part.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range"))
                .hasValue("bytes 70000-299999/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 70000, 300000));

        HttpResponse<byte[]> same =
                h2.send(
                        get(gateway, "/static/photo.jpg").header("If-None-Match", etag).build(),
                        BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();

        HttpResponse<byte[]> head =
                h2.send(
                        get(gateway, "/static/photo.jpg")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue("300000");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aPathWithNothingIsTheSame404OverHttp2() throws Exception {
        HttpResponse<String> r =
                h2.send(get(gateway, "/static/nothing.jpg").build(), BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void theWebSocketPathOverHttp2IsRefusedWithTheReason() throws Exception {
        HttpResponse<String> r = h2.send(get(gateway, "/ws").build(), BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(426);
        assertThat(r.body()).contains("HTTP_1_1_REQUIRED").contains("HTTP/1.1 only");
    }

    @Test
    void anAnswerBeforeTheBodyEndsTheStreamWithoutAnError() throws Exception {
        for (HttpRequest.BodyPublisher body :
                List.of(
                        HttpRequest.BodyPublishers.noBody(),
                        HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]))) {
            HttpResponse<String> r =
                    h2.send(get(gateway, "/create").POST(body).build(), BodyHandlers.ofString());
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(201);
        }
    }

    @Test
    void anHttp11ClientIsServedHttp11OnTheSamePort() throws Exception {
        HttpResponse<byte[]> r =
                client(HttpClient.Version.HTTP_1_1)
                        .send(
                                get(gateway, "/static/photo.jpg").build(),
                                BodyHandlers.ofByteArray());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("strict-transport-security")).isPresent();
        assertThat(r.body()).isEqualTo(bytes);
    }

    @Test
    void streamsCountAgainstTheCapOfAnAddressAsConnectionsWould() throws Exception {
        LinkedBlockingQueue<CompletableFuture<HttpReply>> held = new LinkedBlockingQueue<>();
        HttpRoutes routes = new HttpRoutes();
        routes.small(HttpMethod.GET, "/now", 0, call -> CompletableFuture.completedFuture(ok()));
        routes.small(
                HttpMethod.GET,
                "/held",
                0,
                call -> {
                    CompletableFuture<HttpReply> reply = new CompletableFuture<>();
                    held.add(reply);
                    return reply;
                });
        // three requests (HTTP/1.1 connections, or streams) not logged in per address
        try (TestGateway capped =
                new TestGateway(
                        routes,
                        Optional.of(certificate),
                        ConnectionLimits.defaults().withUnauthenticated(3, 1_000))) {
            HttpClient one = client(HttpClient.Version.HTTP_2);
            // the connection first, so that the next four are streams on it
            assertThat(one.send(get(capped, "/now").build(), BodyHandlers.ofString()).version())
                    .isEqualTo(HttpClient.Version.HTTP_2);
            List<CompletableFuture<HttpResponse<String>>> four = new ArrayList<>();
            List<CompletableFuture<HttpReply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                four.add(one.sendAsync(get(capped, "/held").build(), BodyHandlers.ofString()));
                // each is held at the route before the next is sent: the first is the oldest
                CompletableFuture<HttpReply> reply = held.poll(20, TimeUnit.SECONDS);
                assertThat(reply).as("request %d reached its route", i).isNotNull();
                replies.add(reply);
            }
            // the fourth stream took the place of the oldest, which was reset
            assertThat(four.get(0))
                    .failsWithin(Duration.ofSeconds(20))
                    .withThrowableThat()
                    .withMessageContaining("RST_STREAM");
            replies.forEach(r -> r.complete(ok()));
            for (CompletableFuture<HttpResponse<String>> f : four.subList(1, 4)) {
                assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpReply ok() {
        return HttpReply.json(HttpResponseStatus.OK, "{}");
    }
}
