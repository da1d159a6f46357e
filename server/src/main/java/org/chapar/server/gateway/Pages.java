package org.chapar.server.gateway;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The server's own pages: {@code /health} and the landing page at {@code /}. {@code health} says
 * what keeps the server from working, if anything.
 */
public final class Pages {
    private static final byte[] PAGE =
            ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Chapar</title></head>"
                            + "<body><h1>Chapar</h1><p>This is a Chapar server. Connect with a"
                            + " Chapar app.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);

    private final Supplier<Health> health;

    public Pages(Supplier<Health> health) {
        this.health = health;
    }

    public void register(HttpRoutes routes) {
        routes.small(
                HttpMethod.GET, "/health", 0, call -> CompletableFuture.completedFuture(health()));
        if (WebClient.packed()) {
            return; // the web client serves / (WebClient)
        }
        routes.small(
                HttpMethod.GET,
                "/",
                0,
                call ->
                        CompletableFuture.completedFuture(
                                new HttpReply(
                                        HttpResponseStatus.OK, "text/html; charset=utf-8", PAGE)));
    }

    /**
     * 200 ok (or degraded, with a warning), or 503 with the problem, so that load balancers take a
     * failing server out.
     */
    private HttpReply health() {
        Health h = health.get();
        return HttpReply.json(
                h.problem().isEmpty()
                        ? HttpResponseStatus.OK
                        : HttpResponseStatus.SERVICE_UNAVAILABLE,
                h.json());
    }
}
