package org.chapar.server.bot;

import java.util.List;

/**
 * A bot's webhook as stored: where updates go, what they are checked with, which kinds, the last
 * failure (0 and empty: none yet) and which node's sender holds it until when (epoch seconds).
 */
public record WebhookRecord(
        long botId,
        String url,
        String secret,
        int maxConnections,
        List<String> allowedUpdates,
        long lastErrorDate,
        String lastErrorMessage,
        long leaseNode,
        long leaseUntil) {
    public WebhookRecord {
        allowedUpdates = List.copyOf(allowedUpdates);
    }
}
