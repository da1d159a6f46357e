package org.chapar.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.chapar.ChaparClient;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;

/**
 * Scenario 6: N online clients drop at once; while they are away each is sent {@code missed}
 * messages (all acknowledged); then all reconnect at once and catch up from their last pts.
 * Measured: time until the last is back and in sync, per-client time, and that every
 * acknowledged message arrived exactly once.
 */
public record ReconnectStorm(int clients, int missed, int senders) {

    public Result run(Run run, ChaparDriver driver) throws Exception {
        Result result = new Result("reconnect-storm", run.target().name())
                .parameter("clients", clients).parameter("missed", missed);
        run.log("provisioning %,d accounts", clients + senders);
        List<Account> accounts = driver.provision(run.accountPrefix(), clients + senders);
        List<Account> targets = accounts.subList(0, clients);
        List<BenchClient> from = new ArrayList<>();
        for (Account a : accounts.subList(clients, accounts.size())) from.add(driver.connect(a, Inbox.IGNORE).get(1, TimeUnit.MINUTES));

        run.log("connecting %,d clients", clients);
        List<CompletableFuture<ChaparClient>> first = new ArrayList<>();
        for (Account a : targets) first.add(driver.connectClient(a, Inbox.IGNORE));
        List<ChaparClient> online = Run.all(first, Duration.ofMinutes(10));
        long[] pts = online.stream().mapToLong(ChaparClient::pts).toArray();
        List<CompletableFuture<Void>> dropping = new ArrayList<>();
        for (ChaparClient c : online) dropping.add(c.close());
        Run.all(dropping, Duration.ofMinutes(1));

        run.log("sending %,d messages to each of the %,d dropped clients", missed, clients);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int k = 0; k < missed; k++) {
            for (int i = 0; i < clients; i++) {
                acks.add(from.get(i % from.size()).sendDirect(targets.get(i), "s " + i + " " + k));
                if (acks.size() % 2048 == 0) Run.all(acks.subList(acks.size() - 2048, acks.size()), Duration.ofMinutes(5));
            }
        }
        Run.all(acks, Duration.ofMinutes(10));

        AtomicIntegerArray received = new AtomicIntegerArray(clients * missed);
        Inbox inbox = (r, text, now) -> {
            String[] p = text.split(" ");
            if (p.length == 3 && p[0].equals("s")) received.incrementAndGet(Integer.parseInt(p[1]) * missed + Integer.parseInt(p[2]));
        };
        run.log("storm: %,d clients reconnect at once", clients);
        Histogram perClient = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long t0 = System.nanoTime();
        List<CompletableFuture<ChaparClient>> back = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long since = pts[i];
            back.add(driver.open(targets.get(i), inbox).thenCompose(c -> c.syncFrom(since).thenApply(n -> {
                synchronized (perClient) {
                    perClient.recordValue((System.nanoTime() - t0) / 1000);
                }
                return c;
            })));
        }
        int failed = Run.failures(back, Duration.ofMinutes(10));
        double allBack = (System.nanoTime() - t0) / 1e9;
        long lost = 0, duplicated = 0;
        for (int i = 0; i < received.length(); i++) {
            int n = received.get(i);
            if (n == 0) lost++;
            if (n > 1) duplicated += n - 1;
        }
        run.log("all back in %.2f s: %d failed, %d lost, %d duplicated", allBack, failed, lost, duplicated);
        for (CompletableFuture<ChaparClient> f : back) if (!f.isCompletedExceptionally()) f.join().close();
        for (BenchClient c : from) c.close();
        return result.metric("time until all in sync", allBack, "s")
                .metric("per-client time p50", LatencySeries.ms(perClient, 50), "ms")
                .metric("per-client time p99", LatencySeries.ms(perClient, 99), "ms")
                .metric("failed to reconnect", failed, "conns")
                .metric("lost", lost, "msgs")
                .metric("duplicated", duplicated, "msgs");
    }
}
