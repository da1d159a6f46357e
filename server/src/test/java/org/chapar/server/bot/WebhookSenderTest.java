package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The sender's queue rules with the store, the network and time replaced by fakes. */
class WebhookSenderTest {
    private static final WebhookRecord HOOK =
            new WebhookRecord(1, "https://example.org/h", "s", 40, List.of(), 0, "", 1, 100);

    /** The bot's queue: updates leave it only when delivered. */
    private static final class Queue implements WebhookSender.Outbox {
        final Deque<Long> pending = new ArrayDeque<>();
        final List<Long> confirmed = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        Optional<WebhookRecord> webhook = Optional.of(HOOK);
        CompletableFuture<Void> arrival = new CompletableFuture<>();

        @Override
        public CompletableFuture<Optional<WebhookRecord>> webhook() {
            return CompletableFuture.completedFuture(webhook);
        }

        @Override
        public CompletableFuture<Optional<ObjectNode>> next(WebhookRecord w) {
            return CompletableFuture.completedFuture(
                    Optional.ofNullable(pending.peekFirst())
                            .map(id -> BotJson.object().put("update_id", id)));
        }

        @Override
        public CompletableFuture<Void> delivered(long updateId) {
            assertThat(pending.peekFirst()).isEqualTo(updateId);
            pending.removeFirst();
            confirmed.add(updateId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> failed(String message) {
            errors.add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> arrival() {
            arrival = new CompletableFuture<>();
            return arrival;
        }

        void arrive(long id) {
            pending.addLast(id);
            arrival.complete(null);
        }
    }

    /** A receiver answering from a script (empty: 2xx), then always 2xx; one POST at a time. */
    private static final class Receiver implements WebhookSender.Transport {
        final Deque<Optional<String>> script = new ArrayDeque<>();
        final List<Long> posted = new ArrayList<>();
        int inFlight;

        @Override
        public CompletableFuture<Optional<String>> post(WebhookRecord w, ObjectNode update) {
            assertThat(inFlight++).isZero();
            posted.add(update.get("update_id").asLong());
            Optional<String> answer = script.isEmpty() ? Optional.empty() : script.removeFirst();
            inFlight--;
            return CompletableFuture.completedFuture(answer);
        }
    }

    /** Pauses end at once unless held; each is recorded. */
    private static final class Clock implements WebhookSender.Timer {
        final List<Duration> pauses = new ArrayList<>();
        boolean hold;

        @Override
        public CompletableFuture<Void> after(Duration d) {
            if (d.isZero()) {
                return CompletableFuture.completedFuture(null);
            }
            pauses.add(d);
            return hold ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }
    }

    private final Queue queue = new Queue();
    private final Receiver receiver = new Receiver();
    private final Clock clock = new Clock();
    private final List<String> stops = new ArrayList<>();
    private final WebhookSender sender =
            new WebhookSender(queue, receiver, clock, () -> stops.add("stopped"));

    @Test
    void updatesGoOutInOrderOneAtATimeEachOnceAndOnlyAnAnswerConfirmsThem() {
        queue.pending.addAll(List.of(5L, 6L, 9L));
        sender.start();
        assertThat(receiver.posted).containsExactly(5L, 6L, 9L);
        assertThat(queue.confirmed).containsExactly(5L, 6L, 9L);
        // idle now: an arrival wakes it
        queue.arrive(12);
        assertThat(receiver.posted).containsExactly(5L, 6L, 9L, 12L);
        assertThat(queue.errors).isEmpty();
        assertThat(clock.pauses).isEmpty();
    }

    @Test
    void aFailingReceiverGetsTheSameUpdateAgainAfterAGrowingPauseAndThenTheNextOnes() {
        receiver.script.addAll(
                List.of(
                        Optional.of("Wrong response from the webhook: 500 Internal Server Error"),
                        Optional.of("Connection refused"),
                        Optional.of("Read timeout expired")));
        queue.pending.addAll(List.of(5L, 6L));
        sender.start();
        assertThat(receiver.posted).containsExactly(5L, 5L, 5L, 5L, 6L);
        assertThat(queue.confirmed).containsExactly(5L, 6L);
        assertThat(queue.errors)
                .containsExactly(
                        "Wrong response from the webhook: 500 Internal Server Error",
                        "Connection refused",
                        "Read timeout expired");
        assertThat(clock.pauses)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

        // a success starts the count again
        receiver.script.add(Optional.of("Connection refused"));
        queue.arrive(7);
        assertThat(clock.pauses).last().isEqualTo(Duration.ofSeconds(1));
        assertThat(queue.confirmed).containsExactly(5L, 6L, 7L);
    }

    @Test
    void aChangedWebhookEndsTheBackoffAtOnce() {
        clock.hold = true;
        receiver.script.add(Optional.of("Connection refused"));
        queue.pending.add(5L);
        sender.start();
        assertThat(receiver.posted).containsExactly(5L);
        assertThat(queue.confirmed).isEmpty();
        assertThat(sender.changed()).isTrue();
        assertThat(receiver.posted).containsExactly(5L, 5L);
        assertThat(queue.confirmed).containsExactly(5L);
    }

    @Test
    void theSenderStopsWhenTheWebhookIsGoneOrTakenAndIsThenReplacedNotReused() {
        sender.start();
        assertThat(stops).isEmpty();
        queue.webhook = Optional.empty();
        queue.pending.add(5L);
        queue.arrival.complete(null);
        assertThat(stops).containsExactly("stopped");
        assertThat(receiver.posted).isEmpty();
        assertThat(sender.changed()).isFalse();
    }

    @Test
    void stopEndsAnIdleSender() {
        sender.start();
        sender.stop();
        assertThat(stops).containsExactly("stopped");
        assertThat(sender.changed()).isFalse();
    }
}
