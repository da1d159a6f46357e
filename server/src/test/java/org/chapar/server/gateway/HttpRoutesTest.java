package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** The gateway's HTTP route table, through a real server on a free port. */
class HttpRoutesTest {
    static final long FIFTY_MIB = 50L << 20;

    @TempDir static Path web;

    static final AtomicReference<Optional<String>> problem =
            new AtomicReference<>(Optional.empty());
    static final AtomicLong uploaded = new AtomicLong();
    static final AtomicLong heapAtForty = new AtomicLong();
    static final ExecutorService consumer = Executors.newSingleThreadExecutor();
    static TestGateway gateway;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(web.resolve("app.js"), "console.log('chapar');\n");
        Files.write(web.resolve("app.js.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3});
        HttpRoutes routes = new HttpRoutes();
        routes.webSocket("/ws");
        new Pages(() -> Health.of(problem.get())).register(routes);
        routes.streaming(
                HttpMethod.POST,
                "/upload",
                100L << 20,
                call -> CompletableFuture.completedFuture(counting()));
        routes.streaming(
                HttpMethod.POST,
                "/limited",
                1 << 20,
                call -> CompletableFuture.completedFuture(counting()));
        routes.small(
                HttpMethod.POST,
                "/echo",
                1024,
                call ->
                        CompletableFuture.completedFuture(
                                new HttpReply(
                                        HttpResponseStatus.OK, "application/json", call.body())));
        routes.files("/static/", new StaticFiles(web, "no-cache"));
        gateway = new TestGateway(routes);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        consumer.shutdown();
    }

    /**
     * Counts the bytes of one upload on another thread, so the socket is read only as fast as this
     * consumer takes chunks; at 40 MiB it notes the used heap after a collection.
     */
    static HttpRoutes.Upload counting() {
        uploaded.set(0);
        return new HttpRoutes.Upload() {
            @Override
            public CompletableFuture<Void> chunk(ByteBuf chunk) {
                int n = chunk.readableBytes();
                return CompletableFuture.runAsync(
                        () -> {
                            long before = uploaded.get();
                            if (uploaded.addAndGet(n) >= 40L << 20 && before < 40L << 20) {
                                heapAtForty.set(usedHeapAfterGc());
                            }
                        },
                        consumer);
            }

            @Override
            public CompletableFuture<HttpReply> end() {
                return CompletableFuture.completedFuture(
                        HttpReply.json(
                                HttpResponseStatus.OK, "{\"bytes\":" + uploaded.get() + "}"));
            }

            @Override
            public void abort() {}
        };
    }

    static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aFiftyMebibyteBodyStreamsThroughWhileTheHeapStaysBounded() throws Exception {
        long before = usedHeapAfterGc();
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/upload"))
                                .POST(BodyPublishers.ofInputStream(() -> zeros(FIFTY_MIB)))
                                .build(),
                        BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"bytes\":" + FIFTY_MIB + "}");
        assertThat(uploaded.get()).isEqualTo(FIFTY_MIB);
        // an aggregated body would hold 40 MiB here; a streamed one holds about one read
        assertThat(heapAtForty.get()).as("measured at 40 MiB").isPositive();
        System.out.printf("heap growth at 40 MiB: %d bytes%n", heapAtForty.get() - before);
        assertThat(heapAtForty.get() - before).isLessThan(16L << 20);
    }

    @Test
    void smallRequestsOnOtherConnectionsAreServedWhileASlowUploadTrickles() throws Exception {
        try (Socket slow = gateway.socket()) {
            OutputStream out = slow.getOutputStream();
            out.write(
                    "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            for (int i = 1; i <= 3; i++) {
                out.write(new byte[10]);
                out.flush();
                long expected = 10L * i;
                await(() -> uploaded.get() == expected);
                HttpResponse<String> health =
                        http.send(
                                HttpRequest.newBuilder(gateway.uri("/health")).build(),
                                BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            }
            TestGateway.Response done = TestGateway.Response.read(slow.getInputStream());
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.body()).isEqualTo("{\"bytes\":30}");
        }
    }

    @Test
    void aBodyOverItsRoutesLimitIsAnswered413ByLengthOrWhileStreaming() throws Exception {
        try (Socket s = gateway.socket()) {
            s.getOutputStream()
                    .write(
                            "POST /limited HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            TestGateway.Response r = TestGateway.Response.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).startsWith("{\"code\":\"TOO_LARGE\",\"message\":");
        }
        try (Socket s = gateway.socket()) {
            OutputStream out = s.getOutputStream();
            out.write(
                    "POST /limited HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            int chunk = 64 * 1024;
            for (int sent = 0; sent <= 1 << 20; sent += chunk) {
                out.write(
                        (Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[chunk]);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            TestGateway.Response r = TestGateway.Response.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.headers()).containsEntry("connection", "close");
        }
        HttpResponse<String> small =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/echo"))
                                .POST(BodyPublishers.ofString("x".repeat(2000)))
                                .build(),
                        BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(413);
    }

    @Test
    void aSmallBodyIsHandedWholeAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        HttpResponse<String> echo =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/echo"))
                                .expectContinue(true)
                                .POST(BodyPublishers.ofString("{\"hello\":1}"))
                                .build(),
                        BodyHandlers.ofString());
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("{\"hello\":1}");

        try (Socket s = gateway.socket()) {
            s.getOutputStream()
                    .write(
                            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
                                            + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                                            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwo")
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(TestGateway.Response.read(in).body()).isEqualTo("one");
            assertThat(TestGateway.Response.read(in).status()).isEqualTo(404);
            assertThat(TestGateway.Response.read(in).body()).isEqualTo("two");
        }
    }

    @Test
    void anUnknownPathIs404AndAWrongMethod405WithAllow() throws Exception {
        HttpResponse<String> missing =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/nope")).build(),
                        BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(missing.body())
                .isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":\"nothing at this path\"}");

        HttpResponse<String> wrong =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/health")).DELETE().build(),
                        BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("allow")).hasValue("GET");
        assertThat(wrong.body()).startsWith("{\"code\":\"METHOD_NOT_ALLOWED\"");

        HttpResponse<String> get =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/upload")).build(),
                        BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void healthAnswers503WithTheProblemAndTheLandingPageStays() throws Exception {
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
        problem.set(Optional.of("disk \"full\""));
        try {
            HttpResponse<String> failing = get("/health");
            assertThat(failing.statusCode()).isEqualTo(503);
            assertThat(failing.body())
                    .isEqualTo("{\"status\":\"failing\",\"problem\":\"disk \\\"full\\\"\"}");
        } finally {
            problem.set(Optional.empty());
        }
        HttpResponse<String> page = get("/?from=test");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void staticFilesHaveTypeETagRangesAndTheirGzipVariant() throws Exception {
        HttpResponse<String> file = get("/static/app.js");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("console.log('chapar');\n");
        assertThat(file.headers().firstValue("content-type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(file.headers().firstValue("cache-control")).hasValue("no-cache");
        String etag = file.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> same =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/static/app.js"))
                                .header("If-None-Match", etag)
                                .build(),
                        BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();

        HttpResponse<String> part = withHeader("/static/app.js", "Range", "bytes=8-10");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("log");
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 8-10/23");

        HttpResponse<String> past = withHeader("/static/app.js", "Range", "bytes=100-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("content-range")).hasValue("bytes */23");
        assertThat(past.body()).startsWith("{\"code\":\"RANGE_NOT_SATISFIABLE\"");

        HttpResponse<byte[]> gz =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/static/app.js"))
                                .header("Accept-Encoding", "br;q=0, gzip")
                                .build(),
                        BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gz.body()).isEqualTo(Files.readAllBytes(web.resolve("app.js.gz")));
        assertThat(gz.headers().firstValue("etag")).isNotEqualTo(Optional.of(etag));

        assertThat(get("/static/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/static/%2e%2e/secret").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.uri(path)).build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> withHeader(String path, String name, String value)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.uri(path)).header(name, value).build(),
                BodyHandlers.ofString());
    }

    private static InputStream zeros(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n; // what the bytes are does not matter, only how many
            }
        };
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for the condition").isBefore(end);
            Thread.sleep(5);
        }
    }
}
