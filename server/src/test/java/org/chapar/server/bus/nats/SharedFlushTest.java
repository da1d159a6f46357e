package org.chapar.server.bus.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The round trips behind NatsBus.settled, with a round trip the test answers itself. */
class SharedFlushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Exception NO_FAILURE = new Exception("none");

    /** Each round trip blocks until the test answers it: normally, or with the failure given. */
    private final BlockingQueue<Exception> answers = new LinkedBlockingQueue<>();

    private final Semaphore begun = new Semaphore(0);
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final SharedFlush flush =
            new SharedFlush(
                    () -> {
                        roundTrips.incrementAndGet();
                        begun.release();
                        Exception e = answers.take();
                        if (e != NO_FAILURE) {
                            throw e;
                        }
                    });

    @Test
    void callersThatAskDuringAFlushShareTheNextOne() throws Exception {
        CompletableFuture<Void> first = flush.request();
        awaitBegun();
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            later.add(flush.request());
        }

        answers.add(NO_FAILURE);
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitBegun();
        assertThat(later)
                .as("their SUBs may have been sent after the first PING")
                .noneMatch(CompletableFuture::isDone);

        answers.add(NO_FAILURE);
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(roundTrips).as("1001 callers, two round trips").hasValue(2);
    }

    @Test
    void aFailedRoundTripFailsItsCallersOnlyAndTheNextOneRuns() throws Exception {
        CompletableFuture<Void> failed = flush.request();
        awaitBegun();
        answers.add(new TimeoutException("no PONG"));
        assertThatThrownBy(failed::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TimeoutException.class);

        CompletableFuture<Void> next = flush.request();
        awaitBegun();
        answers.add(NO_FAILURE);
        next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void awaitBegun() throws InterruptedException {
        assertThat(begun.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("a round trip began")
                .isTrue();
    }
}
