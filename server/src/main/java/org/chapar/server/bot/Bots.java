package org.chapar.server.bot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Storage of bots (the account itself is in {@code Accounts}, flagged as a bot). */
public interface Bots {
    /**
     * How long a bot's box keeps an event the bot has not confirmed: Telegram's 24 hours, by time
     * and not by the count that bounds users' boxes (docs/adr/0015-bot-api.md).
     */
    Duration QUEUE_RETENTION = Duration.ofHours(24);

    /** Flags the account as a bot and records its owner and the hash of its token's secret. */
    void create(long userId, long ownerId, byte[] secretHash, long now);

    Optional<BotRecord> byId(long userId);

    /** The owner's bots, oldest first. */
    List<BotRecord> byOwner(long ownerId);

    void setSecretHash(long userId, byte[] secretHash);

    void setDescription(long userId, String description);

    void setCommands(long userId, String commandsJson);

    /**
     * The update kinds getUpdates delivers, comma-joined ("" for Telegram's default set): kept in
     * the store, so that a poll on any node uses what the last call on any node set.
     */
    void setAllowedUpdates(long userId, String kinds);

    /** Removes the bot's row and its webhook: its token, commands and description are gone. */
    void delete(long userId);

    /**
     * The events of the bot's box after {@code pts}, dated {@code since} or later, that can become
     * updates (getWebhookInfo's pending_update_count), counted in the store without reading them.
     */
    PendingEvents pending(long userId, long pts, long since);

    /** Raises the confirmed pts (never lowers it: a late confirm of an older offset is a no-op). */
    void confirm(long userId, long pts);

    /**
     * The bots in a shared chat that follow it: its admins for a channel (Telegram sends channel
     * posts only to admin bots), every member for a group or supergroup. One index probe per bot of
     * the deployment, none at all where there are no bots (docs/adr/0015-bot-api.md).
     */
    List<Long> following(long chatId, boolean adminsOnly);
}
