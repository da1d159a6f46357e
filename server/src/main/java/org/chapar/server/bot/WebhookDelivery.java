package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.server.bus.Bus;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's webhook senders, one per bot whose webhook this node holds (docs/adr/0021).
 *
 * <p>Implementation note: a webhook is leased to one node for {@link #LEASE}; the node that took
 * setWebhook holds it first, its sender renews the lease at half time, and every node looks for
 * webhooks whose lease ran out (their node died) every {@link #SCAN}. A node that stops releases
 * its leases, so a restart takes them over at once. Two senders for one bot exist only across a
 * lease handover, where at most the update under way may be delivered twice.
 */
final class WebhookDelivery implements AutoCloseable {
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration SCAN = Duration.ofSeconds(20);
    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final Store store;
    private final BotUpdates updates;
    private final Bus bus;
    private final Clock clock;
    private final long node;
    private final ScheduledExecutorService timers;
    private final ExecutorService threads;
    private final WebhookClient client;
    private final Optional<BotFather> father;
    private final Map<Long, WebhookSender> senders = new ConcurrentHashMap<>();

    WebhookDelivery(
            Store store,
            BotUpdates updates,
            Bus bus,
            Clock clock,
            long node,
            WebhookRules rules,
            WebhookClient.Replies replies,
            Optional<BotFather> father) {
        this.store = store;
        this.updates = updates;
        this.bus = bus;
        this.clock = clock;
        this.node = node;
        AtomicInteger n = new AtomicInteger();
        this.threads =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "webhook-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.timers =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "webhook-timer");
                            t.setDaemon(true);
                            return t;
                        });
        this.client = new WebhookClient(rules, threads, replies);
        this.father = father;
    }

    /** Starts the senders of the webhooks no live node holds, now and every {@link #SCAN}. */
    void start() {
        timers.scheduleWithFixedDelay(this::scan, 0, SCAN.toMillis(), TimeUnit.MILLISECONDS);
    }

    long node() {
        return node;
    }

    long leaseUntil() {
        return now() + LEASE.toSeconds();
    }

    /** Blocking DNS and checks run here, off the event loop. */
    ExecutorService threads() {
        return threads;
    }

    /** The bot's webhook was set or deleted on this node: its sender looks again, or starts. */
    void changed(long bot) {
        senders.compute(bot, (id, s) -> s != null && s.changed() ? s : started(id));
    }

    private void scan() {
        long now = now();
        store.read(tx -> tx.webhooks().claimable(node, now))
                .thenAccept(
                        bots -> {
                            for (long bot : bots) {
                                if (!senders.containsKey(bot)) {
                                    claimAndStart(bot, now);
                                }
                            }
                        })
                .exceptionally(
                        e -> {
                            log.warn("webhook scan failed: {}", e.toString());
                            return null;
                        });
    }

    private void claimAndStart(long bot, long now) {
        store.write(tx -> tx.webhooks().claim(bot, node, now, now + LEASE.toSeconds()))
                .thenAccept(
                        mine -> {
                            if (mine) {
                                senders.computeIfAbsent(bot, this::started);
                            }
                        });
    }

    private WebhookSender started(long bot) {
        BotOutbox outbox = new BotOutbox(bot);
        WebhookSender[] self = new WebhookSender[1];
        self[0] =
                new WebhookSender(
                        outbox,
                        this::post,
                        this::pause,
                        () -> {
                            senders.remove(bot, self[0]);
                            outbox.close();
                        });
        self[0].start();
        return self[0];
    }

    /** Over HTTP, or to @BotFather in this process (its webhook's URL names no host). */
    private CompletableFuture<Optional<String>> post(WebhookRecord webhook, ObjectNode update) {
        if (webhook.url().equals(BotFather.URL) && father.isPresent()) {
            return father.get().post(webhook, update);
        }
        return client.post(webhook, update);
    }

    private CompletableFuture<Void> pause(Duration d) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        timers.schedule(() -> f.complete(null), d.toMillis(), TimeUnit.MILLISECONDS);
        return f;
    }

    private long now() {
        return clock.millis() / 1000;
    }

    /** One bot's queue and webhook row, as its sender sees them. */
    private final class BotOutbox implements WebhookSender.Outbox {
        private final long bot;
        private final Wakeup arrivals = new Wakeup();
        private final AutoCloseable subscription;

        BotOutbox(long bot) {
            this.bot = bot;
            this.subscription = bus.subscribe(Bus.user(bot), payload -> arrivals.wake());
        }

        @Override
        public CompletableFuture<Optional<WebhookRecord>> webhook() {
            long now = now();
            return store.read(tx -> tx.webhooks().byBot(bot))
                    .thenCompose(
                            w -> {
                                if (w.isEmpty() || w.get().leaseNode() != node) {
                                    return CompletableFuture.completedFuture(
                                            Optional.<WebhookRecord>empty());
                                }
                                if (w.get().leaseUntil() - now > LEASE.toSeconds() / 2) {
                                    return CompletableFuture.completedFuture(w);
                                }
                                return store.write(
                                                tx ->
                                                        tx.webhooks()
                                                                .claim(
                                                                        bot,
                                                                        node,
                                                                        now,
                                                                        now + LEASE.toSeconds()))
                                        .thenApply(mine -> mine ? w : Optional.empty());
                            });
        }

        @Override
        public CompletableFuture<Optional<ObjectNode>> next(WebhookRecord webhook) {
            return updates.pending(bot, 1, Set.copyOf(webhook.allowedUpdates()))
                    .thenApply(
                            a -> {
                                JsonNode first = a.isEmpty() ? null : a.get(0);
                                return Optional.ofNullable((ObjectNode) first);
                            });
        }

        @Override
        public CompletableFuture<Void> delivered(long updateId) {
            return updates.confirm(bot, updateId + 1);
        }

        @Override
        public CompletableFuture<Void> failed(String message) {
            long now = now();
            return store.write(
                    tx -> {
                        tx.webhooks().failed(bot, now, message);
                        return null;
                    });
        }

        @Override
        public CompletableFuture<Void> arrival() {
            // wakes at the latest when the lease is due for renewal
            return arrivals.arm().completeOnTimeout(null, LEASE.toSeconds() / 3, TimeUnit.SECONDS);
        }

        void close() {
            try {
                subscription.close();
            } catch (Exception e) {
                // an unsubscribe that fails leaves a handler that wakes nothing
            }
        }
    }

    /**
     * Stops the senders, letting a POST under way end and its answer be confirmed (for up to {@link
     * #DRAIN}, so a clean restart does not send it again), and hands this node's webhooks back, for
     * the next node to take at once.
     */
    @Override
    public void close() {
        List.copyOf(senders.values()).forEach(WebhookSender::stop);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!senders.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
        client.close();
        threads.shutdownNow();
        store.write(
                        tx -> {
                            tx.webhooks().release(node);
                            return null;
                        })
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
    }
}
