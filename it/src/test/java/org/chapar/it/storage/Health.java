package org.chapar.it.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET /health} of a server: its status code and body. */
record Health(int status, String body) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Health of(int port) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Health(r.statusCode(), r.body());
    }

    /** Asks until the server answers 200, for at most {@code timeout}; the last answer. */
    static Health awaitOk(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Health h = of(port);
        while (h.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            h = of(port);
        }
        return h;
    }
}
