package org.chapar.server.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The POSTs of every webhook sender of the node, through one JDK {@link HttpClient} on the delivery
 * threads (never an event loop). At most {@link WebhookRules#maxInFlight} at once; a sender that
 * finds none free counts it as a failure and backs off. The host is resolved and checked against
 * the rules before each POST, so a name that moved into the operator's network since setWebhook is
 * refused. Failures are described as Telegram's getWebhookInfo describes them.
 */
final class WebhookClient implements WebhookSender.Transport, AutoCloseable {
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final int MAX_REPLY = 1 << 20;

    private final WebhookRules rules;
    private final ExecutorService threads;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final Replies replies;

    /** Runs a method call a receiver answered with, as the bot. */
    interface Replies {
        CompletableFuture<Void> run(long botId, ObjectNode call);
    }

    WebhookClient(WebhookRules rules, ExecutorService threads, Replies replies) {
        this.rules = rules;
        this.replies = replies;
        this.threads = threads;
        this.inFlight = new Semaphore(rules.maxInFlight());
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(rules.requestTimeout())
                        .executor(threads)
                        .build();
    }

    @Override
    public CompletableFuture<Optional<String>> post(WebhookRecord webhook, ObjectNode update) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(Optional.of("Too many webhook requests"));
        }
        return CompletableFuture.supplyAsync(() -> request(webhook, update), threads)
                .thenCompose(r -> http.sendAsync(r, LimitedBody.handler(MAX_REPLY)))
                .handle(
                        (response, e) -> {
                            inFlight.release();
                            if (e != null) {
                                return CompletableFuture.completedFuture(Optional.of(describe(e)));
                            }
                            int status = response.statusCode();
                            if (status / 100 == 2) {
                                return reply(webhook.botId(), response.body())
                                        .thenApply(x -> Optional.<String>empty());
                            }
                            return CompletableFuture.completedFuture(
                                    Optional.of(
                                            "Wrong response from the webhook: "
                                                    + status
                                                    + " "
                                                    + HttpResponseStatus.valueOf(status)
                                                            .reasonPhrase()));
                        })
                .thenCompose(f -> f);
    }

    /**
     * A 2xx answer may carry one method call (Telegram's "reply to the webhook", which Telegraf
     * uses by default): it runs before the next update goes, so the bot's actions keep the updates'
     * order. Anything else in the body is ignored.
     */
    private CompletableFuture<Void> reply(long botId, byte[] body) {
        if (body.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        JsonNode call;
        try {
            call = BotJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(null);
        }
        if (call instanceof ObjectNode o && o.path("method").isTextual()) {
            return replies.run(botId, o);
        }
        return CompletableFuture.completedFuture(null);
    }

    private HttpRequest request(WebhookRecord webhook, ObjectNode update) {
        URI uri = rules.parse(webhook.url());
        rules.resolve(uri);
        byte[] body;
        try {
            body = BotJson.MAPPER.writeValueAsBytes(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder r =
                HttpRequest.newBuilder(uri)
                        .timeout(rules.requestTimeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!webhook.secret().isEmpty()) {
            r.header(SECRET_HEADER, webhook.secret());
        }
        return r.build();
    }

    private static String describe(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof BotError b) {
            // the rules refused the host at delivery time: "Bad Request: bad webhook: …"
            return b.getMessage().replaceFirst("^Bad Request: bad webhook: ", "");
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "Connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "Read timeout expired";
        }
        if (e instanceof ConnectException) {
            return "Connection refused";
        }
        if (e instanceof IOException) {
            return "Connection error";
        }
        return "Internal error";
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
