package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import javax.net.ssl.SSLContext;

/**
 * Static files over TLS, where the file region that plain TCP sends cannot go: the whole body of a
 * file of many TLS records, a range of it, and the same connection serving the next request.
 */
class TlsStaticFilesTest {
    @TempDir static Path dir;
    static byte[] bytes;
    static SelfSigned certificate;
    static TestGateway gateway;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        bytes = new byte[300_000]; // 19 TLS records, 5 chunks
        new Random(21).nextBytes(bytes);
        Files.write(web.resolve("photo.jpg"), bytes);
        certificate = SelfSigned.loadOrCreate(dir.resolve("data"), "127.0.0.1", Clock.systemUTC());
        HttpRoutes routes = new HttpRoutes();
        routes.files("/static/", new StaticFiles(web, "no-cache"));
        gateway = new TestGateway(routes, Optional.of(certificate));

        SSLContext tls = TestGateway.trusting(certificate.credentials().leaf());
        http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        certificate.close();
    }

    @Test
    void aFileOfManyRecordsArrivesWholeAndARangeOfItExactly() throws Exception {
        assertThat(gateway.uri("/").getScheme()).isEqualTo("https");
        for (int i = 0; i < 2; i++) { // the second on the kept-alive connection
            HttpResponse<byte[]> whole =
                    http.send(
                            HttpRequest.newBuilder(gateway.uri("/static/photo.jpg")).build(),
                            BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValue("content-length")).hasValue("300000");
            assertThat(whole.body()).isEqualTo(bytes);
        }

        HttpResponse<byte[]> part =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/static/photo.jpg"))
                                .header("Range", "bytes=70000-200001")
                                .build(),
                        BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range"))
                .hasValue("bytes 70000-200001/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 70000, 200002));
    }

    @Test
    void aHeadRequestGetsTheLengthAndNoBody() throws Exception {
        HttpResponse<byte[]> head =
                http.send(
                        HttpRequest.newBuilder(gateway.uri("/static/photo.jpg"))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue("300000");
        assertThat(head.body()).isEmpty();
    }
}
