package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetFileUrl;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import javax.net.ssl.SSLContext;

/**
 * The server's own routes over HTTP/2 on its TLS port (self-signed, the test trusting that
 * certificate as a pinned client does): the web client's files, a media download by range with its
 * ETag, a signed URL, the 404, a tus upload (creation, PATCH, HEAD), and the WebSocket path refused
 * with a reason; an HTTP/1.1 client and the SDK's wss:// on the same port.
 */
class Http2IT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withTls(new TlsSource.SelfSigned()));

    static HttpClient h2;
    static HttpClient h1;

    @BeforeAll
    static void clients() throws Exception {
        SSLContext trusting =
                TlsClients.trusting(
                        TlsClients.read(server.dataDir().resolve("tls/self-signed.crt")));
        h2 =
                HttpClient.newBuilder()
                        .sslContext(trusting)
                        .version(HttpClient.Version.HTTP_2)
                        .build();
        h1 =
                HttpClient.newBuilder()
                        .sslContext(trusting)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(30));
    }

    static HttpRequest.Builder as(TestUser u, String path) {
        return request(path).header("Authorization", "Bearer " + u.token());
    }

    static <T> HttpResponse<T> overHttp2(HttpRequest.Builder r, HttpResponse.BodyHandler<T> body)
            throws Exception {
        HttpResponse<T> response = h2.send(r.build(), body);
        assertThat(response.version()).as("ALPN chose h2").isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.headers().firstValue("strict-transport-security"))
                .hasValue("max-age=31536000");
        return response;
    }

    @Test
    void theWebClientIsServedOverHttp2AndHttp11() throws Exception {
        HttpResponse<String> page = overHttp2(request("/"), BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).isPresent();
        assertThat(page.body()).contains("<script");
        String etag = page.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> again =
                overHttp2(request("/").header("If-None-Match", etag), BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        HttpResponse<String> old = h1.send(request("/").build(), BodyHandlers.ofString());
        assertThat(old.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).isEqualTo(page.body());
    }

    @Test
    void aPathWithNothingIs404OverHttp2() throws Exception {
        HttpResponse<String> r = overHttp2(request("/no-such-page.html"), BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void aTusUploadAndItsDownloadByRangeGoOverHttp2() throws Exception {
        TestUser alice = server.newUser("h2_alice");
        TestUser bob = server.newUser("h2_bob");
        byte[] data = new byte[200_000];
        new Random(2).nextBytes(data);

        HttpResponse<String> created =
                overHttp2(
                        as(alice, "/media/uploads")
                                .header("Tus-Resumable", "1.0.0")
                                .header("Upload-Length", Integer.toString(data.length))
                                .header("Upload-Metadata", "filename " + b64("h2.bin"))
                                .POST(BodyPublishers.noBody()),
                        BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String path = URI.create(created.headers().firstValue("location").orElseThrow()).getPath();
        HttpResponse<String> half =
                overHttp2(
                        tus(alice, path, 0)
                                .method(
                                        "PATCH",
                                        BodyPublishers.ofByteArray(
                                                Arrays.copyOfRange(data, 0, 120_000))),
                        BodyHandlers.ofString());
        assertThat(half.statusCode()).isEqualTo(204);
        HttpResponse<String> head =
                overHttp2(
                        as(alice, path)
                                .header("Tus-Resumable", "1.0.0")
                                .method("HEAD", BodyPublishers.noBody()),
                        BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("upload-offset")).hasValue("120000");
        HttpResponse<String> rest =
                overHttp2(
                        tus(alice, path, 120_000)
                                .method(
                                        "PATCH",
                                        BodyPublishers.ofByteArray(
                                                Arrays.copyOfRange(data, 120_000, data.length))),
                        BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(204);
        assertThat(rest.headers().firstValue("upload-offset"))
                .hasValue(Integer.toString(data.length));

        String upload = path.substring("/media/uploads/".length());
        Message m =
                alice.client()
                        .sendMedia(
                                bob.peer(),
                                InputMedia.newBuilder()
                                        .setKind(MediaKind.DOCUMENT)
                                        .setUploadId(upload)
                                        .build(),
                                "over h2",
                                0)
                        .join()
                        .getMessage();
        String file = "/media/files/" + m.getMedia().getFile().getId();

        HttpResponse<byte[]> whole = overHttp2(as(bob, file), BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        String etag = whole.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> part =
                overHttp2(
                        as(bob, file).header("Range", "bytes=100000-150000"),
                        BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range"))
                .hasValue("bytes 100000-150000/200000");
        assertThat(part.headers().firstValue("etag")).hasValue(etag);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 100_000, 150_001));

        HttpResponse<byte[]> same =
                overHttp2(as(bob, file).header("If-None-Match", etag), BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);

        String signed =
                bob.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetFileUrl(
                                                GetFileUrl.newBuilder()
                                                        .setFileId(m.getMedia().getFile().getId())
                                                        .setThumbnail("")))
                        .join()
                        .getFileUrl()
                        .getUrl();
        HttpResponse<byte[]> bySignature =
                overHttp2(request(signed).header("Range", "bytes=-10"), BodyHandlers.ofByteArray());
        assertThat(bySignature.statusCode()).isEqualTo(206);
        assertThat(bySignature.body())
                .isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    }

    @Test
    void theWebSocketPathOverHttp2IsRefusedWhileTheSdkConnectsOverHttp11() throws Exception {
        HttpResponse<String> r = overHttp2(request("/ws"), BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(426);
        assertThat(r.body()).contains("HTTP_1_1_REQUIRED");

        // the SDK's wss:// on the same port: a logged-in user can ask for itself
        TestUser carol = server.newUser("h2_carol");
        assertThat(carol.client().getMe().join().getUsername()).startsWith("h2_carol");
    }

    static HttpRequest.Builder tus(TestUser u, String path, long offset) {
        return as(u, path)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
