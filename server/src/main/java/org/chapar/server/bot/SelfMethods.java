package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import org.chapar.server.core.Names;
import org.chapar.server.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a bot says about itself and how it takes its updates: getMe, logOut, close, getUpdates
 * (refused while a webhook is set), set/get/deleteMyCommands, set/getMyDescription.
 *
 * <p>logOut and close end the bot's instance on this node ({@link BotInstances}); what each means
 * on a server that a bot cannot move away from is in docs/adr/0015-bot-api.md.
 */
final class SelfMethods {
    private static final int MAX_TIMEOUT = 50;

    private final Store store;
    private final BotUpdates updates;
    private final WebhookMethods webhooks;
    private final BotInstances instances;

    SelfMethods(Store store, BotUpdates updates, WebhookMethods webhooks, BotInstances instances) {
        this.store = store;
        this.updates = updates;
        this.webhooks = webhooks;
        this.instances = instances;
    }

    void register(BotApi api) {
        api.method(
                "getMe",
                (bot, p) -> CompletableFuture.completedFuture(TelegramObjects.me(bot.account())));
        api.method("logOut", (bot, p) -> logOut(bot));
        api.method(
                "close",
                (bot, p) -> {
                    instances.close(bot.id());
                    return CompletableFuture.completedFuture(BooleanNode.TRUE);
                });
        api.method("getUpdates", this::getUpdates);
        api.method("setMyCommands", this::setMyCommands);
        api.method("getMyCommands", this::getMyCommands);
        api.method("deleteMyCommands", (bot, p) -> commands(bot, List.of()));
        api.method("setMyDescription", this::setMyDescription);
        api.method(
                "getMyDescription",
                (bot, p) ->
                        row(bot).thenApply(
                                        r -> BotJson.object().put("description", r.description())));
    }

    /**
     * The server stops sending the bot anything of its own accord: the webhook is removed (its
     * pending updates stay queued) and the long polls open here answer "Logged out". The next
     * getUpdates or setWebhook takes the queue up where it stands.
     */
    private CompletableFuture<JsonNode> logOut(BotService.Session bot) {
        return webhooks.delete(bot.id(), false)
                .thenApply(
                        x -> {
                            instances.logOut(bot.id());
                            return BooleanNode.TRUE;
                        });
    }

    private CompletableFuture<JsonNode> getUpdates(BotService.Session bot, BotParams p) {
        long offset = p.longValue("offset", 0);
        int limit = (int) Math.max(1, Math.min(100, p.longValue("limit", 100)));
        int timeout = (int) Math.max(0, Math.min(MAX_TIMEOUT, p.longValue("timeout", 0)));
        CompletableFuture<Void> allowed =
                p.strings("allowed_updates")
                        .map(k -> updates.allow(bot.id(), k))
                        .orElse(CompletableFuture.completedFuture(null));
        return allowed.thenCompose(x -> webhooks.active(bot.id()))
                .thenCompose(
                        active -> {
                            if (active) {
                                throw new BotError(
                                        409,
                                        "Conflict: can't use getUpdates method while webhook is"
                                                + " active; use deleteWebhook to delete the"
                                                + " webhook first",
                                        0);
                            }
                            return updates.confirm(bot.id(), offset);
                        })
                .thenCompose(x -> updates.poll(bot.id(), limit, timeout))
                .thenApply(a -> (JsonNode) a);
    }

    private CompletableFuture<JsonNode> setMyCommands(BotService.Session bot, BotParams p) {
        JsonNode raw =
                p.json("commands").orElseThrow(() -> BotError.badRequest("commands is empty"));
        if (!raw.isArray()) {
            throw BotError.badRequest("can't parse commands JSON object");
        }
        List<BotCommands.Command> list = new ArrayList<>();
        for (JsonNode c : raw) {
            list.add(
                    new BotCommands.Command(
                            c.path("command").asText(null), c.path("description").asText(null)));
        }
        return commands(bot, BotCommands.require(list));
    }

    private CompletableFuture<JsonNode> commands(
            BotService.Session bot, List<BotCommands.Command> list) {
        String json = BotCommands.json(list);
        return store.write(
                tx -> {
                    tx.bots().setCommands(bot.id(), json);
                    return BooleanNode.TRUE;
                });
    }

    private CompletableFuture<JsonNode> getMyCommands(BotService.Session bot, BotParams p) {
        return row(bot).thenApply(
                        r -> BotJson.MAPPER.valueToTree(BotCommands.parse(r.commandsJson())));
    }

    private CompletableFuture<JsonNode> setMyDescription(BotService.Session bot, BotParams p) {
        String text = Names.clean(p.string("description").orElse(""), 512, "A description");
        return store.write(
                tx -> {
                    tx.bots().setDescription(bot.id(), text);
                    return BooleanNode.TRUE;
                });
    }

    private CompletableFuture<BotRecord> row(BotService.Session bot) {
        return store.read(tx -> tx.bots().byId(bot.id()).orElseThrow(BotError::unauthorized));
    }
}
