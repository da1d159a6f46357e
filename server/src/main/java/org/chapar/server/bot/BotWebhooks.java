package org.chapar.server.bot;

import java.util.List;
import java.util.Optional;

/** Storage of bots' webhooks (docs/adr/0021-bot-webhooks.md). */
public interface BotWebhooks {
    /**
     * Sets the bot's webhook (replacing any), leased to {@code node} until {@code leaseUntil}; the
     * last error is cleared, as Telegram does for a new URL.
     */
    void set(
            long botId,
            String url,
            String secret,
            int maxConnections,
            List<String> allowedUpdates,
            long node,
            long leaseUntil);

    /** Removes the bot's webhook; whether it had one. */
    boolean delete(long botId);

    Optional<WebhookRecord> byBot(long botId);

    /** Records a failed delivery. */
    void failed(long botId, long date, String message);

    /**
     * Gives the bot's webhook to {@code node} until {@code leaseUntil} if that node holds it
     * already or the holder's lease ended before {@code now}; whether it is now {@code node}'s.
     */
    boolean claim(long botId, long node, long now, long leaseUntil);

    /** The bots whose webhook no node holds at {@code now} (or {@code node} holds), by id. */
    List<Long> claimable(long node, long now);

    /** Ends every lease {@code node} holds (a node that stops). */
    void release(long node);
}
