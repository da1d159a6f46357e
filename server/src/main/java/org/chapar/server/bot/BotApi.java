package org.chapar.server.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The Bot API's HTTP face: {@code /bot<token>/<method>} by GET or POST. The token is checked first
 * (401 for a bad one, whatever the method), then the method is looked up without case, as Telegram
 * does (404 for an unknown one). Every answer is {@code {"ok":true,"result":…}} or {@code
 * {"ok":false,"error_code":…,"description":…}}, with the HTTP status equal to the code.
 */
public final class BotApi {
    static final String PREFIX = "/bot";

    /** Room for the files of one request (BotFiles.MAX_UPLOAD) and its other fields. */
    private static final long MAX_BODY = BotFiles.MAX_UPLOAD + (1 << 20);

    private final BotService bots;
    private final BotInstances instances;
    private final Map<String, BotMethod> methods = new HashMap<>();
    private final Executor disk = Executors.newVirtualThreadPerTaskExecutor();

    BotApi(BotService bots, BotInstances instances) {
        this.bots = bots;
        this.instances = instances;
    }

    /** Adds a method (Telegram's name, matched without case). */
    void method(String name, BotMethod method) {
        if (methods.putIfAbsent(name.toLowerCase(Locale.ROOT), method) != null) {
            throw new IllegalStateException("two Bot API methods " + name);
        }
    }

    /** Every request streams its body, so a file part goes to disk as it arrives. */
    public void register(HttpRoutes routes) {
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.POST)) {
            routes.streamingUnder(PREFIX, m, MAX_BODY, this::open);
        }
    }

    /** The token and method are checked before any of the body is read. */
    private CompletableFuture<HttpRoutes.Upload> open(HttpRoutes.Call head) {
        String rest = head.path().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return CompletableFuture.completedFuture(
                    HttpRoutes.immediate(error(BotError.notFound())));
        }
        String token = rest.substring(0, slash);
        BotMethod method = methods.get(rest.substring(slash + 1).toLowerCase(Locale.ROOT));
        return bots.authenticate(token)
                .thenApply(
                        session -> {
                            if (session.isEmpty()) {
                                return HttpRoutes.immediate(error(BotError.unauthorized()));
                            }
                            if (method == null) {
                                return HttpRoutes.immediate(error(BotError.notFound()));
                            }
                            instances.touch(session.get().id());
                            return (HttpRoutes.Upload)
                                    new BotRequestBody(
                                            head,
                                            disk,
                                            params ->
                                                    method.call(session.get(), params)
                                                            .handle(
                                                                    (result, e) ->
                                                                            e == null
                                                                                    ? ok(result)
                                                                                    : error(
                                                                                            BotErrors
                                                                                                    .from(
                                                                                                            e))));
                        })
                .exceptionally(e -> HttpRoutes.immediate(error(BotErrors.from(e))));
    }

    /**
     * A method call a webhook's receiver answered with ({@code {"method":"sendMessage",…}}), run as
     * the bot, as Telegram does; its result or failure goes nowhere (Telegram reports neither).
     */
    CompletableFuture<Void> webhookReply(long botId, ObjectNode call) {
        BotMethod method = methods.get(call.path("method").asText("").toLowerCase(Locale.ROOT));
        if (method == null) {
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode params = call.deepCopy();
        params.remove("method");
        return bots.session(botId)
                .thenCompose(
                        s ->
                                s.isEmpty()
                                        ? CompletableFuture.completedFuture(null)
                                        : method.call(s.get(), BotParams.of(params)))
                .handle((r, e) -> null);
    }

    private static HttpReply ok(JsonNode result) {
        ObjectNode body = BotJson.object().put("ok", true);
        body.set("result", result);
        return reply(HttpResponseStatus.OK, body);
    }

    static HttpReply error(BotError e) {
        ObjectNode body =
                BotJson.object()
                        .put("ok", false)
                        .put("error_code", e.code)
                        .put("description", e.getMessage());
        if (e.retryAfter > 0) {
            body.putObject("parameters").put("retry_after", e.retryAfter);
        }
        return reply(HttpResponseStatus.valueOf(e.code), body);
    }

    private static HttpReply reply(HttpResponseStatus status, ObjectNode body) {
        try {
            return new HttpReply(
                    status,
                    "application/json",
                    BotJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
