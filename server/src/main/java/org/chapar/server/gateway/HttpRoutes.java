package org.chapar.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP route table, filled by features at wiring time as {@link Dispatcher} is for frames: the
 * gateway's {@link HttpRouter} finds a route by path and method and knows nothing of the features.
 * Paths match exactly, except prefix routes (file routes and the {@code ...Under} ones), which own
 * every path under their prefix (the longest prefix wins; an exact path wins over any prefix).
 */
public final class HttpRoutes {

    /** A request whose whole body (at most the route's limit) was read before it is handled. */
    public record Call(
            HttpMethod method, String path, String uri, HttpHeaders headers, byte[] body) {}

    /** Answers a small-body request. */
    @FunctionalInterface
    public interface SmallHandler {
        CompletableFuture<HttpReply> handle(Call call);
    }

    /**
     * Opens an upload for a streaming request; {@code call.body()} is empty. Nothing of the body is
     * read before the future completes; an {@link #immediate} answer (a refusal, a creation without
     * bytes) is sent without reading it.
     */
    @FunctionalInterface
    public interface StreamHandler {
        CompletableFuture<Upload> open(Call head);
    }

    /**
     * An upload that takes no body: the request is answered {@code reply} at once (and, if a body
     * is coming, the connection closed after it, as the body is never read).
     */
    public static Upload immediate(HttpReply reply) {
        return new Immediate(reply);
    }

    record Immediate(HttpReply reply) implements Upload {
        @Override
        public CompletableFuture<Void> chunk(ByteBuf chunk) {
            throw new IllegalStateException("an immediate answer takes no body");
        }

        @Override
        public CompletableFuture<HttpReply> end() {
            return CompletableFuture.completedFuture(reply);
        }

        @Override
        public void abort() {}
    }

    /**
     * The body of one streaming request, fed one chunk at a time: the next chunk is read from the
     * socket only when the future of the previous one completes, so a slow consumer slows the
     * sender instead of filling memory.
     */
    public interface Upload {
        /** Takes one chunk; the buffer is valid (and owned by the router) until the future ends. */
        CompletableFuture<Void> chunk(ByteBuf chunk);

        /** The body ended; answers the request. */
        CompletableFuture<HttpReply> end();

        /** The request will not complete (over its limit, or the connection closed). */
        void abort();
    }

    sealed interface Route {
        record Small(int maxBody, SmallHandler handler) implements Route {}

        record Streaming(long maxBody, StreamHandler handler) implements Route {}

        record Files(String prefix, StaticFiles files) implements Route {}

        record WebSocket() implements Route {}
    }

    private final Map<String, Map<HttpMethod, Route>> exact = new LinkedHashMap<>();
    private final TreeMap<String, Map<HttpMethod, Route>> prefixes = new TreeMap<>();
    private String webSocketPath;

    /** The app WebSocket's upgrade (a GET) at {@code path}. */
    public void webSocket(String path) {
        if (webSocketPath != null) {
            throw new IllegalStateException("two WebSocket paths");
        }
        webSocketPath = path;
        put(path, HttpMethod.GET, new Route.WebSocket());
    }

    /**
     * A route whose body (JSON, a form) is read whole, up to {@code maxBody} bytes, then handled.
     */
    public void small(HttpMethod method, String path, int maxBody, SmallHandler handler) {
        put(path, method, new Route.Small(maxBody, handler));
    }

    /** A route that receives its body, up to {@code maxBody} bytes, chunk by chunk. */
    public void streaming(HttpMethod method, String path, long maxBody, StreamHandler handler) {
        put(path, method, new Route.Streaming(maxBody, handler));
    }

    /** A {@link #small} route for every path under {@code prefix} (which ends with {@code /}). */
    public void smallUnder(HttpMethod method, String prefix, int maxBody, SmallHandler handler) {
        putUnder(prefix, method, new Route.Small(maxBody, handler));
    }

    /**
     * {@link #small} routes for every path that starts with {@code prefix}, which need not end with
     * {@code /}: an API whose path carries parameters (the Bot API's {@code /bot<token>/<method>}).
     * Exact routes win over it; the longest prefix wins among prefixes.
     */
    public void smallUnder(
            String prefix, Iterable<HttpMethod> methods, int maxBody, SmallHandler handler) {
        for (HttpMethod m : methods) {
            if (prefixes.computeIfAbsent(prefix, p -> new LinkedHashMap<>())
                            .putIfAbsent(m, new Route.Small(maxBody, handler))
                    != null) {
                throw new IllegalStateException("two routes under " + m + " " + prefix);
            }
        }
    }

    /**
     * A {@link #streaming} route for every path that starts with {@code prefix}, which need not end
     * with {@code /} (the Bot API's uploads to {@code /bot<token>/<method>}).
     */
    public void streamingUnder(
            String prefix, HttpMethod method, long maxBody, StreamHandler handler) {
        if (prefixes.computeIfAbsent(prefix, p -> new LinkedHashMap<>())
                        .putIfAbsent(method, new Route.Streaming(maxBody, handler))
                != null) {
            throw new IllegalStateException("two routes under " + method + " " + prefix);
        }
    }

    /** A {@link #streaming} route for every path under {@code prefix} (ending with {@code /}). */
    public void streamingUnder(
            HttpMethod method, String prefix, long maxBody, StreamHandler handler) {
        putUnder(prefix, method, new Route.Streaming(maxBody, handler));
    }

    /** Static files under {@code prefix} (which ends with {@code /}), for GET and HEAD. */
    public void files(String prefix, StaticFiles files) {
        if (prefixes.containsKey(prefix)) {
            throw new IllegalStateException("bad or repeated file prefix " + prefix);
        }
        putUnder(prefix, HttpMethod.GET, new Route.Files(prefix, files));
        putUnder(prefix, HttpMethod.HEAD, new Route.Files(prefix, files));
    }

    private void put(String path, HttpMethod method, Route route) {
        if (exact.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, route)
                != null) {
            throw new IllegalStateException("two routes for " + method + " " + path);
        }
    }

    private void putUnder(String prefix, HttpMethod method, Route route) {
        if (!prefix.endsWith("/")
                || prefixes.computeIfAbsent(prefix, p -> new LinkedHashMap<>())
                                .putIfAbsent(method, route)
                        != null) {
            throw new IllegalStateException("bad or repeated prefix " + method + " " + prefix);
        }
    }

    String webSocketPath() {
        return webSocketPath;
    }

    /** The routes of a path by method; empty if no route has the path. */
    Optional<Map<HttpMethod, Route>> find(String path) {
        Map<HttpMethod, Route> byMethod = exact.get(path);
        if (byMethod != null) {
            return Optional.of(byMethod);
        }
        for (var e = prefixes.floorEntry(path); e != null; e = prefixes.lowerEntry(e.getKey())) {
            if (path.startsWith(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
