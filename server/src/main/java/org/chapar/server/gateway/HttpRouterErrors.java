package org.chapar.server.gateway;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.stream.Collectors;

/** The error answers of the {@link HttpRouter}, each with the JSON body of {@link HttpReply}. */
final class HttpRouterErrors {
    // logged under the router's name, where operators' log settings already point
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    private HttpRouterErrors() {}

    static FullHttpResponse malformed(String what) {
        return error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "malformed " + what);
    }

    /** 405, with the methods the path has in {@code Allow}. */
    static FullHttpResponse notAllowed(Collection<HttpMethod> allowed) {
        FullHttpResponse r =
                error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "not allowed");
        r.headers()
                .set(
                        HttpHeaderNames.ALLOW,
                        allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        return r;
    }

    static FullHttpResponse tooLarge(long max) {
        return error(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "TOO_LARGE",
                "the body is over this route's limit of " + max + " bytes");
    }

    /** 503 with {@code Retry-After}: the node is at its limits and takes no new connection. */
    static FullHttpResponse busy(String reason, int retryAfterSeconds) {
        FullHttpResponse r =
                error(
                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "UNAVAILABLE",
                        "this node takes no new connection now (" + reason + "); try again later");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        return r;
    }

    /**
     * 426: the WebSocket was asked for on an HTTP/2 stream; it is served over HTTP/1.1 only (no RFC
     * 8441), which a browser opens a connection of its own for.
     */
    static FullHttpResponse webSocketNeedsHttp1() {
        return error(
                HttpResponseStatus.UPGRADE_REQUIRED,
                "HTTP_1_1_REQUIRED",
                "the WebSocket is served over HTTP/1.1 only; connect with ALPN http/1.1");
    }

    /** A route failed: logged here, answered without detail. */
    static FullHttpResponse internal(Throwable e) {
        log.warn("an HTTP route failed", e);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "the server failed");
    }

    private static FullHttpResponse error(HttpResponseStatus s, String code, String message) {
        return HttpReply.error(s, code, message).response();
    }
}
