package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One bot's webhook delivery on this node: the oldest pending update is POSTed, and only a 2xx
 * answer confirms it, so the next one goes only after it (in order, each once). A failure is
 * recorded and the same update is tried again after {@link Backoff#after} the failures so far. With
 * nothing pending the sender waits for an arrival; a change of the webhook wakes it from either
 * wait. It stops when the webhook is gone or another node holds it.
 *
 * <p>Implementation note: every step is a future chained on the one before, never two at once, so
 * the fields below are touched by one step at a time; {@link #changed} and the stop decision are
 * the only cross-thread meeting point, and they synchronize.
 */
final class WebhookSender {
    /** The bot's side: its webhook as stored, its pending updates, the outcomes. */
    interface Outbox {
        /** The webhook, if this node still holds it (renewing the lease when due). */
        CompletableFuture<Optional<WebhookRecord>> webhook();

        /** The oldest pending update of the webhook's kinds. */
        CompletableFuture<Optional<ObjectNode>> next(WebhookRecord webhook);

        /** The receiver acknowledged the update: it is gone. */
        CompletableFuture<Void> delivered(long updateId);

        /** The delivery failed: recorded as the webhook's last error. */
        CompletableFuture<Void> failed(String message);

        /** Armed before a read: completes when an update may have arrived since. */
        CompletableFuture<Void> arrival();
    }

    /** One POST: empty when the receiver acknowledged, else what went wrong. */
    interface Transport {
        CompletableFuture<Optional<String>> post(WebhookRecord webhook, ObjectNode update);
    }

    /** A pause that does not hold a thread. */
    interface Timer {
        CompletableFuture<Void> after(Duration d);
    }

    private final Outbox outbox;
    private final Transport transport;
    private final Timer timer;
    private final Runnable onStop;
    private final Wakeup changes = new Wakeup();
    private volatile int failures;
    private boolean stopped;
    private boolean changedSinceRead;

    WebhookSender(Outbox outbox, Transport transport, Timer timer, Runnable onStop) {
        this.outbox = outbox;
        this.transport = transport;
        this.timer = timer;
        this.onStop = onStop;
    }

    void start() {
        timer.after(Duration.ZERO).thenRun(this::step);
    }

    /**
     * The webhook was set again or deleted on this node: look at it now. False if the sender has
     * stopped already (a new one must be started).
     */
    synchronized boolean changed() {
        if (stopped) {
            return false;
        }
        changedSinceRead = true;
        failures = 0;
        changes.wake();
        return true;
    }

    /** Ends the sender after the step under way. */
    synchronized void stop() {
        stopped = true;
        changes.wake();
    }

    synchronized boolean stopped() {
        return stopped;
    }

    private synchronized boolean stopUnlessChanged() {
        if (changedSinceRead) {
            return false;
        }
        stopped = true;
        return true;
    }

    private synchronized void reading() {
        changedSinceRead = false;
    }

    private void step() {
        if (stopped()) {
            onStop.run();
            return;
        }
        CompletableFuture<Void> changed = changes.arm();
        reading();
        outbox.webhook()
                .thenCompose(
                        w -> {
                            if (w.isEmpty()) {
                                return CompletableFuture.completedFuture(
                                        stopUnlessChanged() ? Step.STOP : Step.AGAIN);
                            }
                            return deliverOne(w.get(), changed);
                        })
                .whenComplete(
                        (next, e) -> {
                            if (e != null || next == Step.FAILED) {
                                failures++;
                                CompletableFuture.anyOf(
                                                timer.after(Backoff.after(failures)), changed)
                                        .thenRun(this::step);
                            } else if (next == Step.STOP) {
                                onStop.run();
                            } else {
                                step();
                            }
                        });
    }

    private CompletableFuture<Step> deliverOne(WebhookRecord w, CompletableFuture<Void> changed) {
        CompletableFuture<Void> arrived = outbox.arrival();
        return outbox.next(w)
                .thenCompose(
                        u -> {
                            if (u.isEmpty()) {
                                return CompletableFuture.anyOf(arrived, changed)
                                        .thenApply(x -> Step.AGAIN);
                            }
                            long id = u.get().path("update_id").asLong();
                            return transport
                                    .post(w, u.get())
                                    .thenCompose(
                                            error -> {
                                                if (error.isEmpty()) {
                                                    failures = 0;
                                                    return outbox.delivered(id)
                                                            .thenApply(x -> Step.AGAIN);
                                                }
                                                return outbox.failed(error.get())
                                                        .thenApply(x -> Step.FAILED);
                                            });
                        });
    }

    private enum Step {
        AGAIN,
        FAILED,
        STOP
    }
}
