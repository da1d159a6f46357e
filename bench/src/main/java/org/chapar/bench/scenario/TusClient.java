package org.chapar.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The two tus 1.0 requests of a whole-file upload (creation, then one PATCH of every byte), as a
 * plain HTTP client sends them: what the benchmarks time, without the SDK's chunking and retries.
 */
final class TusClient {
    private final HttpClient http;
    private final URI origin;

    TusClient(URI origin) {
        this.origin = origin;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
    }

    URI origin() {
        return origin;
    }

    /** Uploads {@code body} ({@code length} bytes); completes with the upload id. */
    CompletableFuture<String> upload(
            String token, String fileName, String type, long length, BodyPublisher body) {
        HttpRequest create =
                HttpRequest.newBuilder(origin.resolve("/media/uploads"))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Authorization", "Bearer " + token)
                        .header("Upload-Length", Long.toString(length))
                        .header(
                                "Upload-Metadata",
                                "filename " + b64(fileName) + ",filetype " + b64(type))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        return http.sendAsync(create, HttpResponse.BodyHandlers.ofString())
                .thenCompose(
                        r -> {
                            expect(r, 201);
                            URI at =
                                    origin.resolve(
                                            r.headers()
                                                    .firstValue("Location")
                                                    .orElseThrow(
                                                            () ->
                                                                    new IllegalStateException(
                                                                            "no Location")));
                            HttpRequest patch =
                                    HttpRequest.newBuilder(at)
                                            .header("Tus-Resumable", "1.0.0")
                                            .header("Authorization", "Bearer " + token)
                                            .header(
                                                    "Content-Type",
                                                    "application/offset+octet-stream")
                                            .header("Upload-Offset", "0")
                                            .method("PATCH", body)
                                            .build();
                            String path = at.getPath();
                            String id = path.substring(path.lastIndexOf('/') + 1);
                            return http.sendAsync(patch, HttpResponse.BodyHandlers.ofString())
                                    .thenApply(
                                            p -> {
                                                expect(p, 204);
                                                return id;
                                            });
                        });
    }

    /** GETs {@code path} (relative to the origin) and discards the body; answers its length. */
    long download(String token, String path) throws IOException, InterruptedException {
        HttpRequest get =
                HttpRequest.newBuilder(origin.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build();
        HttpResponse<java.io.InputStream> r =
                http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        try (var in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode());
            }
            byte[] buffer = new byte[1 << 16];
            long n = 0;
            for (int k = in.read(buffer); k >= 0; k = in.read(buffer)) n += k;
            return n;
        }
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(
                    r.request().method()
                            + " "
                            + r.uri().getPath()
                            + " answered "
                            + r.statusCode()
                            + ": "
                            + r.body());
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
