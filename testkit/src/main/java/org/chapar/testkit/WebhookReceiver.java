package org.chapar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bot's webhook endpoint for tests: an HTTP server on 127.0.0.1 and a free port that records
 * every POST (body, secret header, the status it answered) and answers 200 with no body, or what it
 * was told to answer first ({@link #failNext}, {@link #answerNext}).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received, and what it was answered. */
    public record Hit(JsonNode update, Optional<String> secret, String contentType, int status) {
        public boolean acknowledged() {
            return status / 100 == 2;
        }
    }

    private final HttpServer http;
    private final BlockingQueue<Hit> hits = new LinkedBlockingQueue<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    private record Answer(int status, byte[] body) {}

    private WebhookReceiver(HttpServer http) {
        this.http = http;
    }

    public static WebhookReceiver start() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebhookReceiver r = new WebhookReceiver(http);
        http.createContext(
                "/",
                exchange -> {
                    try (exchange) {
                        byte[] body = exchange.getRequestBody().readAllBytes();
                        Answer answer = r.nextAnswer();
                        int status = answer.status();
                        r.hits.add(
                                new Hit(
                                        BotHttp.JSON.readTree(body),
                                        Optional.ofNullable(
                                                exchange.getRequestHeaders()
                                                        .getFirst(
                                                                "X-Telegram-Bot-Api-Secret-Token")),
                                        exchange.getRequestHeaders().getFirst("Content-Type"),
                                        status));
                        if (answer.body().length == 0) {
                            exchange.sendResponseHeaders(status, -1);
                        } else {
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.sendResponseHeaders(status, answer.body().length);
                            exchange.getResponseBody().write(answer.body());
                        }
                    }
                });
        http.start();
        return r;
    }

    /** The URL to give setWebhook. */
    public String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order; then 200 again. */
    public synchronized void failNext(int... statuses) {
        for (int s : statuses) {
            script.addLast(new Answer(s, new byte[0]));
        }
    }

    /**
     * The next request is answered 200 with this JSON (a method call, Telegram's webhook reply).
     */
    public synchronized void answerNext(String json) {
        script.addLast(new Answer(200, json.getBytes(StandardCharsets.UTF_8)));
    }

    private synchronized Answer nextAnswer() {
        return script.isEmpty() ? new Answer(200, new byte[0]) : script.removeFirst();
    }

    /** The next request received, waiting up to {@code timeout}; fails if none came. */
    public Hit next(Duration timeout) {
        try {
            Hit h = hits.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (h == null) {
                throw new AssertionError("no webhook request within " + timeout);
            }
            return h;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
