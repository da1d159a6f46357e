package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.InvalidProtocolBufferException;

import org.chapar.protocol.Difference;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.Update;
import org.chapar.server.bus.Bus;
import org.chapar.server.store.Store;
import org.chapar.server.sync.SyncService;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bot's update queue, read by getUpdates and the webhook sender (docs/adr/0015-bot-api.md).
 *
 * <p>Implementation note: the queue is the bot's own common box, the one every account has, read
 * with the same {@link SyncService#difference} a user's client calls after a reconnect; nothing is
 * copied for bots. The bot's row keeps the last pts it confirmed: events up to it are never
 * delivered again, and events Telegram would not send (the bot's own messages, reads) are confirmed
 * as they are passed over. An event's pts is its update_id. Long polling waits on the bot's live
 * topic on the bus, the one a user's connection listens to, and reads again when anything arrives.
 * Unlike a client, a bot cannot reload after too_long: it is given what its box holds, however far
 * behind, and events older than {@link Bots#QUEUE_RETENTION} are passed over as if gone.
 */
final class BotUpdates {
    private static final int PAGE = 100;

    /**
     * Events read beyond {@code limit}, for those that translate to nothing (a bot that answers
     * each message has its own answer between two updates). No more: a read renders every event it
     * reads, and the webhook reads with limit 1 for each update it sends.
     */
    private static final int SKIP_AHEAD = 4;

    private static final long QUEUE_SECONDS = Bots.QUEUE_RETENTION.toSeconds();

    private final Store store;
    private final SyncService sync;
    private final Bus bus;
    private final BotFileIds files;
    private final Clock clock;
    private final BotInstances instances;

    BotUpdates(
            Store store,
            SyncService sync,
            Bus bus,
            BotFileIds files,
            Clock clock,
            BotInstances instances) {
        this.store = store;
        this.sync = sync;
        this.bus = bus;
        this.files = files;
        this.clock = clock;
        this.instances = instances;
    }

    /** Unix seconds from which an event is still delivered. */
    private long retainedSince() {
        return clock.millis() / 1000 - QUEUE_SECONDS;
    }

    /** Confirms every update before {@code offset} (if > 0). */
    CompletableFuture<Void> confirm(long bot, long offset) {
        if (offset <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return store.write(
                tx -> {
                    tx.bots().confirm(bot, offset - 1);
                    return null;
                });
    }

    /** Sets getUpdates' allowed_updates (Telegram keeps the last value given), for every node. */
    CompletableFuture<Void> allow(long bot, List<String> kinds) {
        String joined = String.join(",", new TreeSet<>(requireKinds(kinds)));
        return store.write(
                tx -> {
                    tx.bots().setAllowedUpdates(bot, joined);
                    return null;
                });
    }

    private static Set<String> kinds(BotRecord row) {
        return row.allowedUpdates().isEmpty() ? Set.of() : Set.of(row.allowedUpdates().split(","));
    }

    /** The kinds, each one Telegram knows. */
    static List<String> requireKinds(List<String> kinds) {
        for (String k : kinds) {
            if (!UpdateTranslator.KINDS.contains(k)) {
                throw BotError.badRequest("unknown update type " + k);
            }
        }
        return List.copyOf(kinds);
    }

    /**
     * Updates after the confirmed ones, at most {@code limit}; waits up to timeout for one. The
     * poll is the bot's instance's ({@link BotInstances}), which ends the one it had open.
     */
    CompletableFuture<ArrayNode> poll(long bot, int limit, int timeoutSeconds) {
        CompletableFuture<ArrayNode> result = new CompletableFuture<>();
        instances.polling(bot, result);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Wakeup waiter = new Wakeup();
        AutoCloseable subscription = bus.subscribe(Bus.user(bot), payload -> waiter.wake());
        result.whenComplete((r, e) -> close(subscription));
        round(bot, limit, deadline, waiter, result);
        return result;
    }

    /**
     * Pending updates of the given kinds (empty: Telegram's default set), at most {@code limit},
     * without waiting: what the webhook sender delivers. Like getUpdates it confirms the events it
     * passes over, so only the bot's one reader may call it.
     */
    CompletableFuture<ArrayNode> pending(long bot, int limit, Set<String> kinds) {
        return read(bot, limit, kinds);
    }

    /**
     * How many updates the bot would receive now, of the given kinds (empty: Telegram's default
     * set; absent: those getUpdates last set): getWebhookInfo's pending_update_count, exact and
     * uncapped. Read-only: confirms nothing, so asking never loses an update. Counted from the
     * events' kinds and their messages; an update whose chat or user has vanished since is counted
     * here and passed over when read.
     */
    CompletableFuture<Long> count(long bot, Optional<Set<String>> kinds) {
        return store.read(
                tx -> {
                    BotRecord row = tx.bots().byId(bot).orElseThrow(BotError::unauthorized);
                    Set<String> allowed = kinds.orElseGet(() -> kinds(row));
                    PendingEvents p = tx.bots().pending(bot, row.confirmedPts(), retainedSince());
                    long n =
                            counted(allowed, "message", p.messages())
                                    + counted(allowed, "edited_message", p.editedMessages())
                                    + counted(allowed, "channel_post", p.channelPosts())
                                    + counted(
                                            allowed, "edited_channel_post", p.editedChannelPosts())
                                    + counted(allowed, "callback_query", p.callbackQueries())
                                    + counted(allowed, "chat_join_request", p.joinRequests());
                    for (byte[] body : p.memberChanges()) {
                        String kind =
                                memberChange(body).getUserId() == bot
                                        ? "my_chat_member"
                                        : "chat_member";
                        n += counted(allowed, kind, 1);
                    }
                    return n;
                });
    }

    private static long counted(Set<String> allowed, String kind, long n) {
        return UpdateTranslator.wanted(allowed, kind) ? n : 0;
    }

    private static MemberChanged memberChange(byte[] body) {
        try {
            return MemberChanged.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt member change in a bot's box", e);
        }
    }

    /** Confirms every update the bot has now (drop_pending_updates). */
    CompletableFuture<Void> dropPending(long bot) {
        return sync.state(bot).thenCompose(s -> confirm(bot, s.getPts() + 1));
    }

    private void round(
            long bot,
            int limit,
            long deadline,
            Wakeup waiter,
            CompletableFuture<ArrayNode> result) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<Void> woken = waiter.arm();
        read(bot, limit, null)
                .whenComplete(
                        (updates, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                                return;
                            }
                            long left = deadline - System.nanoTime();
                            if (!updates.isEmpty() || left <= 0) {
                                result.complete(updates);
                                return;
                            }
                            woken.completeOnTimeout(null, left, TimeUnit.NANOSECONDS)
                                    .thenRun(() -> round(bot, limit, deadline, waiter, result));
                        });
    }

    /**
     * One read of the box from the confirmed pts, of the given kinds (null: those getUpdates last
     * set). Events that translate to nothing at the head of the page are confirmed at once, so that
     * the next read starts after them.
     */
    private CompletableFuture<ArrayNode> read(long bot, int limit, Set<String> kinds) {
        return store.read(tx -> tx.bots().byId(bot).orElseThrow(BotError::unauthorized))
                .thenCompose(
                        row ->
                                sync.queue(
                                                bot,
                                                row.confirmedPts(),
                                                Math.min(PAGE, limit + SKIP_AHEAD),
                                                retainedSince())
                                        .thenCompose(
                                                d ->
                                                        translate(
                                                                bot,
                                                                row.confirmedPts(),
                                                                d,
                                                                limit,
                                                                kinds == null
                                                                        ? kinds(row)
                                                                        : kinds)));
    }

    private CompletableFuture<ArrayNode> translate(
            long bot, long from, Difference d, int limit, Set<String> kinds) {
        return store.read(
                        tx -> {
                            ArrayNode out = JsonNodeFactory.instance.arrayNode();
                            long skipped = from;
                            for (Update u : d.getUpdatesList()) {
                                if (out.size() == limit) {
                                    break; // the rest is the next read's
                                }
                                var t = UpdateTranslator.translate(tx, files.forBot(bot), u, kinds);
                                if (t.isPresent()) {
                                    out.add(t.get());
                                } else if (out.isEmpty()) {
                                    skipped = u.getPts();
                                }
                            }
                            if (out.isEmpty()) {
                                // nothing to deliver up to where the page ends
                                skipped = Math.max(skipped, d.getState().getPts());
                            }
                            return new Page(out, skipped, d.getSlice());
                        })
                .thenCompose(
                        page -> {
                            if (page.skippedTo() <= from) {
                                return CompletableFuture.completedFuture(page.updates());
                            }
                            CompletableFuture<Void> confirmed = confirm(bot, page.skippedTo() + 1);
                            if (page.updates().isEmpty() && page.more()) {
                                return confirmed.thenCompose(x -> read(bot, limit, kinds));
                            }
                            return confirmed.thenApply(x -> page.updates());
                        });
    }

    private record Page(ArrayNode updates, long skippedTo, boolean more) {}

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // an unsubscribe that fails leaves a handler that wakes nothing
        }
    }
}
