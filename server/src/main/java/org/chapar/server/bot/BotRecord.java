package org.chapar.server.bot;

/**
 * A bot's own row beside its account: who owns it, the hash of its token's secret, what it says
 * about itself, how far its update queue is confirmed and the update kinds getUpdates last asked
 * for (comma-joined, "" for Telegram's default set; its webhook's own: {@link WebhookRecord}).
 */
public record BotRecord(
        long userId,
        long ownerId,
        byte[] secretHash,
        String description,
        String commandsJson,
        long confirmedPts,
        String allowedUpdates) {}
