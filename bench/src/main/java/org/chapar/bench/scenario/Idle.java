package org.chapar.bench.scenario;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.report.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 1: N logged-in connections held open. Server memory is measured before and after, each
 * after a full GC where the server is a JVM, so the per-connection cost is the slope.
 */
public record Idle(int connections, Duration hold) {

    public Result run(Run run) throws Exception {
        Result result =
                new Result("idle", run.target().name())
                        .parameter("connections", connections)
                        .parameter("server processes", run.target().pids().size())
                        .parameter("hold", hold.toString());
        run.log("provisioning %,d accounts", connections);
        long t = System.nanoTime();
        List<Account> accounts = run.driver().provision(run.accountPrefix(), connections);
        result.metric("provision time", (System.nanoTime() - t) / 1e9, "s");
        Thread.sleep(2000);
        OptionalLong heap0 = run.target().heapUsedAfterGc();
        long rss0 = run.serverRssBytes();

        run.log("connecting %,d clients", connections);
        long start = System.nanoTime();
        List<CompletableFuture<BenchClient>> pending = new ArrayList<>(connections);
        for (Account a : accounts) pending.add(run.driver().connect(a, Inbox.IGNORE));
        int failed = Run.failures(pending, Duration.ofMinutes(10));
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        int connected = connections - failed;
        run.log(
                "%,d connected in %.1f s (%d failed); holding %s",
                connected, connectSeconds, failed, hold);
        result.metric("connected", connected, "conns")
                .metric("failed to connect", failed, "conns")
                .metric("time to connect all", connectSeconds, "s")
                .metric("connect rate", connected / connectSeconds, "conns/s");

        Thread.sleep(hold.toMillis());
        int stillOpen = 0;
        for (CompletableFuture<BenchClient> f : pending)
            if (connected(f) && f.join().isOpen()) stillOpen++;
        OptionalLong heap1 = run.target().heapUsedAfterGc();
        long rss1 = run.serverRssBytes();
        result.metric("still open after hold", stillOpen, "conns");
        memory(result, rss0, rss1, heap0, heap1, connected);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (CompletableFuture<BenchClient> f : pending)
            if (connected(f)) closing.add(f.join().close());
        Run.failures(closing, Duration.ofMinutes(1));
        return result;
    }

    private static boolean connected(CompletableFuture<BenchClient> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    /** Server RSS and heap, in total and per connection (the slope from before connecting). */
    static void memory(
            Result result,
            long rss0,
            long rss1,
            OptionalLong heap0,
            OptionalLong heap1,
            int connected) {
        if (rss1 > 0) {
            result.metric("server RSS", rss1 / 1048576.0, "MiB")
                    .metric(
                            "server RSS / connections",
                            rss1 / 1024.0 / Math.max(1, connected),
                            "KiB/conn")
                    .metric(
                            "server RSS per connection",
                            (rss1 - rss0) / 1024.0 / Math.max(1, connected),
                            "KiB/conn");
        }
        if (heap0.isPresent() && heap1.isPresent()) {
            result.metric("server heap after GC", heap1.getAsLong() / 1048576.0, "MiB")
                    .metric(
                            "server heap per connection",
                            (heap1.getAsLong() - heap0.getAsLong())
                                    / 1024.0
                                    / Math.max(1, connected),
                            "KiB/conn");
        }
    }
}
