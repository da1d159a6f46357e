package org.chapar.bench.driver.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * A bot's webhook endpoint on loopback (the JDK's HttpServer, one thread): every POST whose secret
 * header matches is parsed as an Update and handed over with the time its body was read, then
 * answered 200 with no body. A wrong secret is answered 403 and counted.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final String secret = HexFormat.of().formatHex(SecureRandom.getSeed(16));
    private final LongAdder requests = new LongAdder(), refused = new LongAdder();

    /** Listens on a free port of 127.0.0.1 and hands each update to {@code updates}. */
    public WebhookReceiver(BiConsumer<JsonNode, Long> updates) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(
                "/hook",
                exchange -> {
                    try (exchange;
                            InputStream body = exchange.getRequestBody()) {
                        byte[] bytes = body.readAllBytes();
                        long now = System.nanoTime();
                        requests.increment();
                        if (!secret.equals(
                                exchange.getRequestHeaders()
                                        .getFirst("X-Telegram-Bot-Api-Secret-Token"))) {
                            refused.increment();
                            exchange.sendResponseHeaders(403, -1);
                            return;
                        }
                        updates.accept(BotApiClient.JSON.readTree(bytes), now);
                        exchange.sendResponseHeaders(200, -1);
                    }
                });
        server.start();
    }

    /** The URL to give setWebhook. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The secret_token to give setWebhook; requests without it are refused. */
    public String secret() {
        return secret;
    }

    public long requests() {
        return requests.sum();
    }

    public long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
