package org.chapar.server.gateway;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The server's own pages: {@code /health} and the landing page at {@code /}. {@code health} says
 * what keeps the server from working, if anything (503), else what will if nobody acts (200, status
 * degraded).
 */
public final class Pages {
    private static final byte[] PAGE =
            ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Chapar</title></head>"
                            + "<body><h1>Chapar</h1><p>This is a Chapar server. Connect with a"
                            + " Chapar app.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);

    private final Supplier<Optional<String>> health;
    private final Supplier<Optional<String>> warning;

    public Pages(Supplier<Optional<String>> health) {
        this(health, Optional::empty);
    }

    /**
     * {@code warning} is what will stop the server working later if nobody acts (a certificate that
     * could not be renewed): it is reported, but with 200, so that a load balancer keeps a server
     * that still serves.
     */
    public Pages(Supplier<Optional<String>> health, Supplier<Optional<String>> warning) {
        this.health = health;
        this.warning = warning;
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

    /** 200 ok, or 503 with the problem, so that load balancers take a failing server out. */
    private HttpReply health() {
        Optional<String> problem = health.get();
        if (problem.isEmpty()) {
            return warning.get()
                    .map(
                            w ->
                                    HttpReply.json(
                                            HttpResponseStatus.OK,
                                            "{\"status\":\"degraded\",\"warning\":\""
                                                    + HttpReply.jsonText(w)
                                                    + "\"}"))
                    .orElse(HttpReply.json(HttpResponseStatus.OK, "{\"status\":\"ok\"}"));
        }
        return HttpReply.json(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"status\":\"failing\",\"problem\":\""
                        + HttpReply.jsonText(problem.get())
                        + "\"}");
    }
}
