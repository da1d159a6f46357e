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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 5: a client was offline while {@code missed} messages arrived for it. Measured from
 * opening the connection until GetDifference has returned the last of them (connect, authenticate,
 * every page). Repeated {@code rounds} times with the same account.
 */
public record CatchUp(int missed, int rounds, int senders) {

    public Result run(Run run, ChaparDriver driver) throws Exception {
        Result result =
                new Result("catch-up", run.target().name())
                        .parameter("missed", missed)
                        .parameter("rounds", rounds);
        List<Account> accounts = driver.provision(run.accountPrefix(), senders + 1);
        Account reader = accounts.getFirst();
        List<BenchClient> from = new ArrayList<>();
        for (Account a : accounts.subList(1, accounts.size()))
            from.add(driver.connect(a, Inbox.IGNORE).get(1, TimeUnit.MINUTES));

        Histogram times = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        long lost = 0;
        for (int round = 0; round < rounds; round++) {
            ChaparClient first =
                    driver.connectClient(reader, Inbox.IGNORE).get(1, TimeUnit.MINUTES);
            long pts = first.pts();
            first.close().get(1, TimeUnit.MINUTES);

            sendAll(from, reader, missed);
            LongAdder got = new LongAdder();
            long t0 = System.nanoTime();
            ChaparClient back =
                    driver.open(reader, (r, text, now) -> got.increment()).get(1, TimeUnit.MINUTES);
            back.syncFrom(pts).get(5, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - t0;
            times.recordValue(elapsed / 1000);
            lost += Math.max(0, missed - got.sum());
            run.log(
                    "round %d: %,d updates in %.1f ms (%,d delivered)",
                    round + 1, missed, elapsed / 1e6, got.sum());
            back.close().get(1, TimeUnit.MINUTES);
        }
        for (BenchClient c : from) c.close();
        return result.metric("time to sync p50", LatencySeries.ms(times, 50), "ms")
                .metric("time to sync max", times.getMaxValue() / 1000.0, "ms")
                .metric(
                        "updates per second",
                        missed / (LatencySeries.ms(times, 50) / 1000),
                        "updates/s")
                .metric("lost", lost, "msgs");
    }

    /**
     * Sends {@code count} messages to {@code to}, 64 in flight per sender, waiting for every ack.
     */
    static void sendAll(List<BenchClient> from, Account to, int count) throws Exception {
        Semaphore inFlight = new Semaphore(64 * from.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            CompletableFuture<Void> ack = from.get(i % from.size()).sendDirect(to, "missed " + i);
            ack.whenComplete((v, e) -> inFlight.release());
            acks.add(ack);
        }
        Run.all(acks, Duration.ofMinutes(5));
    }
}
