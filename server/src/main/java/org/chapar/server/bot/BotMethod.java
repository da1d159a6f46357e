package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;

/** One Bot API method: the signed-in bot and its parameters in, the {@code result} out. */
@FunctionalInterface
interface BotMethod {
    CompletableFuture<? extends JsonNode> call(BotService.Session bot, BotParams params);
}
