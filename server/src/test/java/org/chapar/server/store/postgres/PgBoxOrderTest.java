package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.Store;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The rule of ADR 0016 for a box written by several nodes: the append's counter row stays locked
 * until its transaction ends, so the next append of that box takes its pts only after the first
 * committed (then it follows it) or rolled back (then it takes the same pts again). A box's readers
 * therefore see pts in commit order with no hole they would wait on: whatever prefix of the box a
 * read sees is 1..head without a gap.
 */
class PgBoxOrderTest {
    private static PgTestDatabase database;
    private Store nodeA;
    private Store nodeB;

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
        nodeA = PgStore.open(database.url(), 1, 2, 100_000);
        nodeB = PgStore.open(database.url(), 2, 2, 100_000);
        database.truncate();
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    private static BoxEvent event(int n) {
        return BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 1, n, 1);
    }

    @Test
    void aRolledBackAppendLeavesNoHoleForTheAppendWaitingBehindIt() throws Exception {
        long user = nodeA.write(tx -> tx.accounts().create("boxed", "b", "$h", 1)).join();
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            long taken = new PgTx(other, false, 16).boxes().append(user, event(1));
            assertThat(taken).isEqualTo(1);
            CompletableFuture<Long> waiting = nodeB.write(tx -> tx.boxes().append(user, event(2)));
            Thread.sleep(300);
            assertThat(waiting).as("waits on the counter row").isNotDone();
            other.rollback();
            assertThat(waiting.get(10, TimeUnit.SECONDS))
                    .as("the pts the rolled-back append had taken")
                    .isEqualTo(1);
        }
        assertThat(nodeA.read(tx -> tx.boxes().after(user, 0, 10)).join())
                .extracting(BoxEvent::pts)
                .containsExactly(1L);
    }

    @Test
    void readersOfABoxWrittenByTwoNodesNeverSeeAGap() throws Exception {
        long user = nodeA.write(tx -> tx.accounts().create("busy", "b", "$h", 1)).join();
        int perNode = 300;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> gaps = new ArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            while (writing.get()) {
                                List<BoxEvent> seen =
                                        nodeA.read(tx -> tx.boxes().after(user, 0, 10_000)).join();
                                for (int i = 0; i < seen.size(); i++) {
                                    if (seen.get(i).pts() != i + 1) {
                                        gaps.add("pts " + seen.get(i).pts() + " at " + i);
                                        return;
                                    }
                                }
                            }
                        });
        reader.start();
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (int i = 0; i < perNode; i++) {
            int n = i;
            writes.add(nodeA.write(tx -> tx.boxes().append(user, event(n))));
            writes.add(nodeB.write(tx -> tx.boxes().append(user, event(n))));
        }
        List<Long> pts = new ArrayList<>();
        for (CompletableFuture<Long> w : writes) {
            pts.add(w.get(60, TimeUnit.SECONDS));
        }
        writing.set(false);
        reader.join();
        assertThat(gaps).isEmpty();
        assertThat(pts).doesNotHaveDuplicates().hasSize(2 * perNode);
        assertThat(pts.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(2 * perNode);
        assertThat(nodeB.read(tx -> tx.boxes().head(user)).join()).isEqualTo(2 * perNode);
    }

    @Test
    void aPrivateSendRacingTheReverseSendOnTwoNodesCompletesBoth() {
        // each locks both users' box rows, in opposite orders: a deadlock the database breaks by
        // aborting one call, which the writer rolls back alone and runs again
        long a = nodeA.write(tx -> tx.accounts().create("alice", "a", "$h", 1)).join();
        long b = nodeA.write(tx -> tx.accounts().create("bob", "b", "$h", 1)).join();
        List<CompletableFuture<long[]>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            sends.add(nodeA.write(tx -> twoBoxes(tx, a, b, n)));
            sends.add(nodeB.write(tx -> twoBoxes(tx, b, a, n)));
        }
        List<Long> ofA = new ArrayList<>();
        for (CompletableFuture<long[]> s : sends) {
            long[] r = s.join();
            ofA.add(r[0] == a ? r[1] : r[3]);
        }
        assertThat(ofA).doesNotHaveDuplicates().hasSize(100);
        assertThat(nodeA.read(tx -> tx.boxes().head(a)).join()).isEqualTo(100);
        assertThat(nodeA.read(tx -> tx.boxes().head(b)).join()).isEqualTo(100);
    }

    @Test
    void twoNodesBatchesTakingTheSameRowsInOppositeOrdersDoNotDeadlock() throws Exception {
        // a batch keeps the row locks of its earlier calls until it commits: when node A's batch
        // holds a's box and waits for b's while node B's holds b's and waits for a's, only the
        // database's deadlock detection (deadlock_timeout, 1 s) would break it, once per crossing
        long a = nodeA.write(tx -> tx.accounts().create("alice", "a", "$h", 1)).join();
        long b = nodeA.write(tx -> tx.accounts().create("bob", "b", "$h", 1)).join();
        try (Store oneWriter = PgStore.open(database.url(), 1, 1, 100_000)) {
            crossBatches(List.of(nodeA, oneWriter), a, b);
        }
        assertThat(nodeA.read(tx -> tx.boxes().head(a)).join()).isEqualTo(2);
        assertThat(nodeA.read(tx -> tx.boxes().head(b)).join()).isEqualTo(2);
    }

    /**
     * One batch per node, each of two calls: the first appends to its own box (a on the first node,
     * b on the second) and waits until the other node's did, the second then appends to the other.
     */
    private static void crossBatches(List<Store> nodes, long a, long b) throws Exception {
        CountDownLatch gates = new CountDownLatch(1);
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        List<String> states = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (Store node : nodes) {
            // the gate keeps the writer busy until both of its next calls are queued: one batch
            CountDownLatch running = new CountDownLatch(1);
            node.write(
                    tx -> {
                        running.countDown();
                        return await(gates);
                    });
            await(running);
            long first = node == nodes.get(0) ? a : b;
            long second = node == nodes.get(0) ? b : a;
            calls.add(
                    node.write(
                            tx -> {
                                long pts = tx.boxes().append(first, event(1));
                                bothHoldOne.countDown();
                                await(bothHoldOne);
                                return pts;
                            }));
            calls.add(
                    node.write(
                            tx ->
                                    recordingState(
                                            states, () -> tx.boxes().append(second, event(2)))));
        }
        gates.countDown();
        for (CompletableFuture<Long> c : calls) {
            c.get(30, TimeUnit.SECONDS);
        }
        assertThat(states).as("SQLSTATEs the calls failed with").doesNotContain("40P01");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the append, noting the SQLSTATE it failed with, if any. */
    private static long recordingState(List<String> states, LongSupplier append) {
        try {
            return append.getAsLong();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s) {
                    states.add(s.getSQLState());
                    break;
                }
            }
            throw e;
        }
    }

    private static long[] twoBoxes(
            org.chapar.server.store.StoreTx tx, long first, long second, int n) {
        long p1 = tx.boxes().append(first, event(n));
        long p2 = tx.boxes().append(second, event(n));
        return new long[] {first, p1, second, p2};
    }
}
