package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The writer's bound on lock waits (ADR 0016): only a call behind a kept call of its batch waits at
 * most {@link PgSession#LOCK_WAIT} for a row another transaction holds, and then gives way to the
 * next batch; a call with nothing kept before it waits as long as it takes, whatever failed before
 * it in the batch. A call that waits on a row is never failed for having waited.
 */
class PgLockWaitTest {
    /** Far longer than the bound, so that a bounded wait would have given up. */
    private static final long HELD_MILLIS = 300;

    private static PgTestDatabase database;
    private Store node;

    @BeforeAll
    static void createDatabase() {
        database = PgTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void open() {
        database.truncate();
        node = PgStore.open(database.url(), 1, 1, 100_000);
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void aCallAfterARefusedFirstCallWaitsForTheHeldRowAndSucceeds() throws Exception {
        long user = node.write(tx -> tx.accounts().create("held", "h", "$h", 1)).join();
        List<CompletableFuture<Long>> batch =
                batchBehindAHeldBox(user, List.of(PgLockWaitTest::refused, append(user)));
        assertRefused(batch.get(0));
        assertThat(batch.get(1).get(10, TimeUnit.SECONDS))
                .as("after the other transaction's pts 1")
                .isEqualTo(2);
    }

    @Test
    void aCallAfterARacedFirstCallWaitsForTheHeldRowAndSucceeds() throws Exception {
        // the first call loses a race (unique_violation, run again in the next batch)
        long user = node.write(tx -> tx.accounts().create("held", "h", "$h", 1)).join();
        List<CompletableFuture<Long>> batch =
                batchBehindAHeldBox(
                        user,
                        List.of(tx -> tx.accounts().create("held", "h", "$h", 1), append(user)));
        assertThat(batch.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> batch.get(0).get(10, TimeUnit.SECONDS))
                .as("still a duplicate after its attempts")
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void aCallBehindAKeptCallGivesWayThenWaitsForTheHeldRowAndSucceeds() throws Exception {
        long user = node.write(tx -> tx.accounts().create("held", "h", "$h", 1)).join();
        long other = node.write(tx -> tx.accounts().create("free", "f", "$h", 1)).join();
        List<CompletableFuture<Long>> batch =
                batchBehindAHeldBox(
                        user, List.of(append(other), PgLockWaitTest::refused, append(user)));
        assertThat(batch.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertRefused(batch.get(1));
        assertThat(batch.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aLockWaitBoundedOnTheServerIsRunAgainNotFailed() throws Exception {
        // an operator's lock_timeout (postgresql.conf, ALTER ROLE) bounds a batch's first call too:
        // giving up on a row is a lost race, run again, never an error for the client
        long user = node.write(tx -> tx.accounts().create("held", "h", "$h", 1)).join();
        try (Connection c = database.connect()) {
            c.createStatement()
                    .execute("ALTER DATABASE " + c.getCatalog() + " SET lock_timeout = '50ms'");
        }
        try (Store bounded = PgStore.open(database.url(), 1, 1, 100_000)) {
            try (Connection other = database.connect()) {
                other.setAutoCommit(false);
                new PgTx(other, false, 16).boxes().append(user, event());
                CompletableFuture<Long> waiting = bounded.write(append(user));
                Thread.sleep(HELD_MILLIS);
                other.commit();
                assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            }
        } finally {
            try (Connection c = database.connect()) {
                c.createStatement()
                        .execute("ALTER DATABASE " + c.getCatalog() + " RESET lock_timeout");
            }
        }
    }

    /**
     * Runs {@code calls} as one batch of the node's writer while another transaction holds {@code
     * user}'s box row (it appended pts 1) for {@link #HELD_MILLIS}, then commits.
     */
    private List<CompletableFuture<Long>> batchBehindAHeldBox(
            long user, List<Function<StoreTx, Long>> calls) throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            assertThat(new PgTx(other, false, 16).boxes().append(user, event())).isEqualTo(1);
            // the gate keeps the writer busy until all the calls are queued: one batch
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch queued = new CountDownLatch(1);
            CompletableFuture<Boolean> gate =
                    node.write(
                            tx -> {
                                running.countDown();
                                return await(queued);
                            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            calls.forEach(call -> futures.add(node.write(call)));
            queued.countDown();
            assertThat(gate.get(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(HELD_MILLIS);
            assertThat(futures.get(futures.size() - 1)).as("waits on the box row").isNotDone();
            other.commit();
        }
        return futures;
    }

    private static Function<StoreTx, Long> append(long user) {
        return tx -> tx.boxes().append(user, event());
    }

    private static Long refused(StoreTx tx) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "refused by a rule");
    }

    private static void assertRefused(CompletableFuture<Long> call) {
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ApiException.class)
                .hasMessageContaining("refused by a rule");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BoxEvent event() {
        return BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 1, 1, 1);
    }
}
