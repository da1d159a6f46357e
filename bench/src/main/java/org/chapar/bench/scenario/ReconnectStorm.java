package org.chapar.bench.scenario;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.chapar.ChaparClient;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6: N online clients drop at once; while they are away each is sent {@code missed}
 * messages (all acknowledged); then all reconnect at once and catch up from their last pts, while
 * the senders keep sending at {@code liveRate} messages/s, so that pushes race the catch-up.
 * Measured: time until the last is back and in sync, per-client time, and that every acknowledged
 * message (missed or live) arrived exactly once.
 */
public record ReconnectStorm(int clients, int missed, int senders, double liveRate) {

    private static long key(int client, int seq) {
        return (long) client << 32 | seq;
    }

    public Result run(Run run, ChaparDriver driver) throws Exception {
        Result result =
                new Result("reconnect-storm", run.target().name())
                        .parameter("clients", clients)
                        .parameter("missed", missed)
                        .parameter("live rate", liveRate);
        run.log("provisioning %,d accounts", clients + senders);
        List<Account> accounts = driver.provision(run.accountPrefix(), clients + senders);
        List<Account> targets = accounts.subList(0, clients);
        List<BenchClient> from = new ArrayList<>();
        for (Account a : accounts.subList(clients, accounts.size()))
            from.add(driver.connect(a, Inbox.IGNORE).get(1, TimeUnit.MINUTES));

        run.log("connecting %,d clients", clients);
        List<CompletableFuture<ChaparClient>> first = new ArrayList<>();
        for (Account a : targets) first.add(driver.connectClient(a, Inbox.IGNORE));
        List<ChaparClient> online = Run.all(first, Duration.ofMinutes(10));
        long[] pts = online.stream().mapToLong(ChaparClient::pts).toArray();
        List<CompletableFuture<Void>> dropping = new ArrayList<>();
        for (ChaparClient c : online) dropping.add(c.close());
        Run.all(dropping, Duration.ofMinutes(1));

        run.log("sending %,d messages to each of the %,d dropped clients", missed, clients);
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int k = 0; k < missed; k++) {
            for (int i = 0; i < clients; i++) {
                acks.add(send(from.get(i % from.size()), targets.get(i), i, k, acked));
                if (acks.size() % 2048 == 0)
                    Run.all(acks.subList(acks.size() - 2048, acks.size()), Duration.ofMinutes(5));
            }
        }
        Run.all(acks, Duration.ofMinutes(10));

        Map<Long, Integer> received = new ConcurrentHashMap<>();
        Inbox inbox =
                (r, text, now) -> {
                    String[] p = text.split(" ");
                    if (p.length == 3 && p[0].equals("s"))
                        received.merge(
                                key(Integer.parseInt(p[1]), Integer.parseInt(p[2])),
                                1,
                                Integer::sum);
                };
        run.log(
                "storm: %,d clients reconnect at once, live traffic %.0f msgs/s",
                clients, liveRate);
        ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<Void>> liveAcks = new ArrayList<>();
        if (liveRate > 0) {
            int[] next = {0};
            int[] seq = new int[clients];
            double perTick = liveRate / 100;
            double[] owed = {0};
            live.scheduleAtFixedRate(
                    () -> {
                        for (owed[0] += perTick; owed[0] >= 1; owed[0]--) {
                            int i = next[0]++ % clients;
                            synchronized (liveAcks) {
                                liveAcks.add(
                                        send(
                                                from.get(i % from.size()),
                                                targets.get(i),
                                                i,
                                                missed + seq[i]++,
                                                acked));
                            }
                        }
                    },
                    0,
                    10,
                    TimeUnit.MILLISECONDS);
        }
        Histogram perClient = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long t0 = System.nanoTime();
        List<CompletableFuture<ChaparClient>> back = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long since = pts[i];
            back.add(
                    driver.open(targets.get(i), inbox)
                            .thenCompose(
                                    c ->
                                            c.syncFrom(since)
                                                    .thenApply(
                                                            n -> {
                                                                synchronized (perClient) {
                                                                    perClient.recordValue(
                                                                            (System.nanoTime() - t0)
                                                                                    / 1000);
                                                                }
                                                                return c;
                                                            })));
        }
        int failed = Run.failures(back, Duration.ofMinutes(10));
        double allBack = (System.nanoTime() - t0) / 1e9;
        live.shutdownNow();
        live.awaitTermination(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> pendingLive;
        synchronized (liveAcks) {
            pendingLive = new ArrayList<>(liveAcks);
        }
        int liveErrors = Run.failures(pendingLive, Duration.ofMinutes(1));
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.keySet().containsAll(acked) && System.nanoTime() < drainUntil)
            Thread.sleep(50);

        long lost = acked.stream().filter(k -> !received.containsKey(k)).count();
        long duplicated = received.values().stream().mapToLong(n -> n - 1).sum();
        run.log(
                "all back in %.2f s: %d failed, %,d acknowledged, %d lost, %d duplicated",
                allBack, failed, acked.size(), lost, duplicated);
        for (CompletableFuture<ChaparClient> f : back)
            if (f.isDone() && !f.isCompletedExceptionally()) f.join().close();
        for (BenchClient c : from) c.close();
        return result.metric("time until all in sync", allBack, "s")
                .metric("per-client time p50", LatencySeries.ms(perClient, 50), "ms")
                .metric("per-client time p99", LatencySeries.ms(perClient, 99), "ms")
                .metric("failed to reconnect", failed, "conns")
                .metric("messages acknowledged", acked.size(), "msgs")
                .metric("live sends not acknowledged", liveErrors, "msgs")
                .metric("lost", lost, "msgs")
                .metric("duplicated", duplicated, "msgs");
    }

    private static CompletableFuture<Void> send(
            BenchClient from, Account to, int client, int seq, Set<Long> acked) {
        return from.sendDirect(to, "s " + client + " " + seq)
                .thenRun(() -> acked.add(key(client, seq)));
    }
}
