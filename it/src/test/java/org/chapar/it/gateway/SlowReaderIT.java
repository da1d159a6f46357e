package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.Peer;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logged-in client that asks for big answers and never reads them costs the server a bounded
 * amount of memory: the server stops reading from it once its writes back up and closes it once
 * more than {@code maxQueuedBytes} wait for it, while another user's messages all arrive. The
 * server runs in its own JVM with a small heap and direct memory, so unbounded queueing would break
 * it rather than only show in the numbers.
 */
class SlowReaderIT {
    static final int MAX_QUEUED = 1 << 20;
    static final int HIGH_WATER = 512 * 1024; // the gateway's write buffer high water mark
    static final int ANSWER = 100 * 4096 + 4096; // 100 posts of 4 KiB and their framing
    static final int REQUESTS = 3_000;
    static final int MESSAGES = 200;

    @TempDir Path temp;

    @Test
    void aClientThatNeverReadsIsClosedWithServerMemoryBoundedAndOthersServed() throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        try (ServerProcess server =
                        ServerProcess.options()
                                .jvm(
                                        "-Xmx256m",
                                        "-XX:MaxDirectMemorySize=64m",
                                        "-Dchapar.connection.maxQueuedBytes=" + MAX_QUEUED)
                                .trackMemory()
                                .start(temp, 0);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Authorization hoarder = register(server, clients, "hoarder");
            Authorization shelf = register(server, clients, "shelf");
            Peer chat = Peers.user(shelf.getUser());
            String post = "x".repeat(4096);
            for (int i = 0; i < 100; i++) {
                clients.get(0).sendMessage(chat, post).join();
            }
            Authorization alice = register(server, clients, "alice");
            UpdateRecorder bobSees = new UpdateRecorder();
            Authorization bob = register(server, clients, "bob");
            clients.get(3).addUpdateListener(bobSees);
            Peer toBob = Peers.user(bob.getUser());

            ServerProcess.Memory before = server.memory();
            Peak peak = new Peak(before);
            Future<?> sampler = pool.submit(() -> peak.sample(server));
            try (RawSocket bad =
                    RawSocket.connect(InetAddress.getLoopbackAddress(), server.port(), 4096)
                            .upgrade()) {
                var auth = Authenticate.newBuilder().setToken(hoarder.getToken());
                assertThat(bad.call(ClientFrame.newBuilder().setAuthenticate(auth)))
                        .matches(f -> f.hasAuthorization());
                CompletableFuture<Integer> flood =
                        CompletableFuture.supplyAsync(() -> pipelineHistory(bad, chat), pool);

                for (int i = 0; i < MESSAGES; i++) {
                    clients.get(2).sendMessage(toBob, "m" + i).join();
                }
                bobSees.await(
                        u ->
                                u.hasNewMessage()
                                        && u.getNewMessage().getMessage().getText().startsWith("m"),
                        MESSAGES,
                        Duration.ofSeconds(60));

                assertThat(bad.awaitClosedByServer(Duration.ofSeconds(60)))
                        .as("the server closed the connection that does not read")
                        .isTrue();
                int sent = flood.get(60, TimeUnit.SECONDS);
                assertThat(sent)
                        .as("requests written before the server closed")
                        .isLessThan(REQUESTS);
            } finally {
                peak.stop();
            }
            sampler.get(60, TimeUnit.SECONDS);
            ServerProcess.Memory after = server.memory();

            // one connection may hold its write buffer, its queue and one more answer; the rest is
            // answers being built on the reader threads and the allocator's and the heap's slack:
            // well under what one second of this flood queued before (about 100 MB)
            long bound = 32L * (HIGH_WATER + MAX_QUEUED + ANSWER);
            System.out.printf(
                    "slow reader: peak growth %d KiB (bound %d KiB): heap %d KiB before, peak %d"
                            + " KiB; off-heap %d KiB before, peak %d KiB; growth once closed %d KiB%n",
                    peak.growth.get() / 1024,
                    bound / 1024,
                    before.heapBytes() / 1024,
                    peak.heap.get() / 1024,
                    before.offHeapBytes() / 1024,
                    peak.offHeap.get() / 1024,
                    (after.total() - before.total()) / 1024);
            assertThat(peak.growth.get())
                    .as("peak growth of heap + off-heap memory")
                    .isLessThan(bound);
            assertThat(clients.get(2).getMe().join().getId()).isEqualTo(alice.getUser().getId());
        } finally {
            clients.forEach(ChaparClient::close);
        }
    }

    /** The highest heap, direct and total memory seen, sampled (with a full GC) every 100 ms. */
    private static final class Peak {
        final ServerProcess.Memory before;
        final AtomicLong growth = new AtomicLong();
        final AtomicLong heap = new AtomicLong();
        final AtomicLong offHeap = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);

        Peak(ServerProcess.Memory before) {
            this.before = before;
        }

        Void sample(ServerProcess server) throws Exception {
            while (running.get()) {
                ServerProcess.Memory now = server.memory();
                growth.accumulateAndGet(now.total() - before.total(), Math::max);
                heap.accumulateAndGet(now.heapBytes(), Math::max);
                offHeap.accumulateAndGet(now.offHeapBytes(), Math::max);
                Thread.sleep(100);
            }
            return null;
        }

        void stop() {
            running.set(false);
        }
    }

    /**
     * The session's whole burst at once, then the rest at about its refill rate (200 a minute below
     * the limit), never reading; returns how many were written before the socket failed.
     */
    private static int pipelineHistory(RawSocket bad, Peer chat) {
        int sent = 0;
        try {
            for (; sent < REQUESTS; sent++) {
                bad.send(
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder().setPeer(chat).setLimit(100)));
                if (sent >= 500) {
                    Thread.sleep(6);
                }
            }
        } catch (UncheckedIOException closed) {
            // the server closed it: what the test waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    private static Authorization register(
            ServerProcess server, List<ChaparClient> clients, String name) {
        ChaparClient c = ChaparClient.builder(server.uri()).clientName("slow-reader-it").build();
        clients.add(c);
        c.connect().join();
        return c.register("slow_" + name, "password-" + name, null, "test").join();
    }
}
