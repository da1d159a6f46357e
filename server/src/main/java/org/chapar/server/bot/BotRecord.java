package org.chapar.server.bot;

/**
 * A bot's own row beside its account: who owns it, the hash of its token's secret, what it says
 * about itself and how far its update queue is confirmed (its webhook: {@link WebhookRecord}).
 */
public record BotRecord(
        long userId,
        long ownerId,
        byte[] secretHash,
        String description,
        String commandsJson,
        long confirmedPts) {}
