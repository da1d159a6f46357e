package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.server.store.Store;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * setWebhook, deleteWebhook and getWebhookInfo, as Telegram answers them
 * (docs/adr/0021-bot-webhooks.md). The URL is checked against the operator's {@link WebhookRules}
 * before anything is stored; its host is resolved on the delivery threads, never the event loop.
 */
final class WebhookMethods {
    private static final int DEFAULT_CONNECTIONS = 40;
    private static final int MAX_SECRET = 256;
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]*");

    private final Store store;
    private final BotUpdates updates;
    private final WebhookDelivery delivery;
    private final WebhookRules rules;

    WebhookMethods(Store store, BotUpdates updates, WebhookDelivery delivery, WebhookRules rules) {
        this.store = store;
        this.updates = updates;
        this.delivery = delivery;
        this.rules = rules;
    }

    void register(BotApi api) {
        api.method("setWebhook", this::setWebhook);
        api.method(
                "deleteWebhook",
                (bot, p) -> deleted(delete(bot.id(), p.bool("drop_pending_updates"))));
        api.method("getWebhookInfo", (bot, p) -> info(bot));
    }

    /** Whether the bot takes its updates by webhook (getUpdates is then refused). */
    CompletableFuture<Boolean> active(long bot) {
        return store.read(tx -> tx.webhooks().byBot(bot).isPresent());
    }

    private CompletableFuture<JsonNode> setWebhook(BotService.Session bot, BotParams p) {
        String url = p.string("url").orElse("").trim();
        boolean drop = p.bool("drop_pending_updates");
        if (url.isEmpty()) {
            return deleted(delete(bot.id(), drop)); // as Telegram: an empty URL removes it
        }
        URI uri = rules.parse(url);
        String secret = requireSecret(p.string("secret_token").orElse(""));
        int connections =
                (int)
                        Math.max(
                                1,
                                Math.min(100, p.longValue("max_connections", DEFAULT_CONNECTIONS)));
        Optional<List<String>> kinds = p.strings("allowed_updates").map(BotUpdates::requireKinds);
        // dropped first, so that a sender already running never POSTs what is being dropped
        return CompletableFuture.runAsync(() -> rules.resolve(uri), delivery.threads())
                .thenCompose(x -> drop ? updates.dropPending(bot.id()) : done())
                .thenCompose(
                        x ->
                                store.write(
                                        tx -> {
                                            // absent allowed_updates keep the previous setting
                                            List<String> allowed =
                                                    kinds.orElseGet(
                                                            () ->
                                                                    tx.webhooks()
                                                                            .byBot(bot.id())
                                                                            .map(
                                                                                    WebhookRecord
                                                                                            ::allowedUpdates)
                                                                            .orElse(List.of()));
                                            tx.webhooks()
                                                    .set(
                                                            bot.id(),
                                                            url,
                                                            secret,
                                                            connections,
                                                            allowed,
                                                            delivery.node(),
                                                            delivery.leaseUntil());
                                            return null;
                                        }))
                .thenApply(
                        x -> {
                            delivery.changed(bot.id());
                            return BooleanNode.TRUE;
                        });
    }

    /**
     * Removes the bot's webhook (deleteWebhook, logOut), and with {@code drop} its pending updates;
     * then this node's sender learns it is gone.
     */
    CompletableFuture<Void> delete(long bot, boolean drop) {
        return store.write(tx -> tx.webhooks().delete(bot))
                .thenCompose(x -> drop ? updates.dropPending(bot) : done())
                .thenRun(() -> delivery.changed(bot));
    }

    private static CompletableFuture<JsonNode> deleted(CompletableFuture<Void> deleting) {
        return deleting.thenApply(x -> BooleanNode.TRUE);
    }

    private CompletableFuture<JsonNode> info(BotService.Session bot) {
        return store.read(tx -> tx.webhooks().byBot(bot.id()))
                .thenCompose(
                        w -> {
                            // the kinds of whichever reader the bot has: the webhook, or getUpdates
                            Optional<Set<String>> kinds =
                                    w.map(r -> Set.copyOf(r.allowedUpdates()));
                            return updates.count(bot.id(), kinds)
                                    .thenApply(pending -> info(w, pending));
                        });
    }

    private static JsonNode info(Optional<WebhookRecord> webhook, long pending) {
        ObjectNode out = BotJson.object();
        out.put("url", webhook.map(WebhookRecord::url).orElse(""));
        out.put("has_custom_certificate", false);
        out.put("pending_update_count", pending);
        webhook.ifPresent(
                w -> {
                    if (w.lastErrorDate() > 0) {
                        out.put("last_error_date", w.lastErrorDate());
                        out.put("last_error_message", w.lastErrorMessage());
                    }
                    out.put("max_connections", w.maxConnections());
                    if (!w.allowedUpdates().isEmpty()) {
                        var list = out.putArray("allowed_updates");
                        w.allowedUpdates().forEach(list::add);
                    }
                });
        return out;
    }

    static String requireSecret(String secret) {
        if (secret.length() > MAX_SECRET) {
            throw BotError.badRequest("secret token is too long");
        }
        if (!SECRET.matcher(secret).matches()) {
            throw BotError.badRequest("secret token contains unallowed characters");
        }
        return secret;
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
