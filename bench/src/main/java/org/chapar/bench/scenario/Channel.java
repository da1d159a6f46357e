package org.chapar.bench.scenario;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.report.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scenario 4: one channel with N online subscribers; the owner posts, one post at a time, and every
 * subscriber's delivery is timed from the send (this JVM's nanoTime, carried in the text). Per
 * post: the time until the last subscriber has it and p50/p99 across subscribers; the reported
 * values are the medians over the posts. Subscribers join with {@code joinParallelism} requests in
 * flight.
 */
public record Channel(
        int subscribers, int posts, Duration pause, Duration postTimeout, int joinParallelism) {
    /** The nodes' bus counters as {@code /metrics} exposes them (server ops/NodeMetrics). */
    static final String BUS_PUBLISHED = "chapar_bus_published_total",
            BUS_RECEIVED = "chapar_bus_received_total";

    public Result run(Run run, Groups groups) throws Exception {
        Result result =
                new Result("channel", run.target().name())
                        .parameter("subscribers", subscribers)
                        .parameter("posts", posts);
        run.log("provisioning %,d accounts", subscribers + 1);
        long t0 = System.nanoTime();
        List<Account> accounts = run.driver().provision(run.accountPrefix(), subscribers + 1);
        result.metric("provision time", (System.nanoTime() - t0) / 1e9, "s");

        // latencies[post][k], k = arrival order; seen[post] counts arrivals
        long[][] latencies = new long[posts][subscribers];
        AtomicInteger[] seen = new AtomicInteger[posts];
        for (int p = 0; p < posts; p++) seen[p] = new AtomicInteger();
        AtomicLongArray lastArrival = new AtomicLongArray(posts);
        AtomicInteger foreign = new AtomicInteger();
        Inbox inbox =
                (receiver, text, now) -> {
                    int sp = text.indexOf(' ');
                    int p = sp < 0 ? -1 : (int) Direct.parse(text, text.lastIndexOf(' ') + 1);
                    if (p < 0 || p >= posts) {
                        foreign.incrementAndGet();
                        return;
                    }
                    long sent = Direct.parse(text, 0);
                    int k = seen[p].getAndIncrement();
                    if (k < subscribers) latencies[p][k] = now - sent;
                    lastArrival.accumulateAndGet(p, now, Math::max);
                };

        run.log("connecting %,d clients", accounts.size());
        long c0 = System.nanoTime();
        BenchClient owner =
                run.driver().connect(accounts.get(0), Inbox.IGNORE).get(1, TimeUnit.MINUTES);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>(subscribers);
        for (Account a : accounts.subList(1, accounts.size()))
            connecting.add(run.driver().connect(a, inbox));
        List<BenchClient> subs = Run.all(connecting, Duration.ofMinutes(15));
        result.metric("time to connect all", (System.nanoTime() - c0) / 1e9, "s");

        String channel = groups.create(owner, "bench channel", List.of()).get(1, TimeUnit.MINUTES);
        run.log(
                "channel %s: %,d subscribers joining, %d in flight",
                channel, subscribers, joinParallelism);
        long j0 = System.nanoTime();
        Semaphore permits = new Semaphore(joinParallelism);
        List<CompletableFuture<Void>> joins = new ArrayList<>(subscribers);
        for (BenchClient s : subs) {
            permits.acquire();
            CompletableFuture<Void> j = groups.join(s, channel);
            j.whenComplete((v, e) -> permits.release());
            joins.add(j);
        }
        int joinFailures = Run.failures(joins, Duration.ofMinutes(15));
        double joinSeconds = (System.nanoTime() - j0) / 1e9;
        run.log(
                "%,d joined in %.1f s (%d failed)",
                subscribers - joinFailures, joinSeconds, joinFailures);
        result.metric("time to join all", joinSeconds, "s")
                .metric("join rate", (subscribers - joinFailures) / joinSeconds, "joins/s")
                .metric("join errors", joinFailures, "joins");
        Thread.sleep(1000);

        // NATS publishes and deliveries to nodes per post, from the nodes' /metrics, where they
        // have it (the posts are the only traffic now)
        OptionalDouble published0 = run.target().metric(BUS_PUBLISHED);
        OptionalDouble received0 = run.target().metric(BUS_RECEIVED);
        double[] last = new double[posts], p50 = new double[posts], p99 = new double[posts];
        int[] reached = new int[posts];
        long serverCpu = 0, generatorCpu = 0;
        for (int p = 0; p < posts; p++) {
            long cpu0 = run.serverCpuNanos(), gen0 = Run.generatorCpuNanos();
            long sent = System.nanoTime();
            groups.post(owner, channel, sent + " " + sent + " " + p).get(1, TimeUnit.MINUTES);
            long deadline = sent + postTimeout.toNanos();
            while (seen[p].get() < subscribers - joinFailures && System.nanoTime() < deadline)
                Thread.sleep(1);
            serverCpu += run.serverCpuNanos() - cpu0;
            generatorCpu += Run.generatorCpuNanos() - gen0;
            Thread.sleep(20); // late duplicates or stragglers
            int n = Math.min(seen[p].get(), subscribers);
            reached[p] = n;
            long[] l = Arrays.copyOf(latencies[p], n);
            Arrays.sort(l);
            last[p] = n == 0 ? Double.NaN : (lastArrival.get(p) - sent) / 1e6;
            p50[p] = n == 0 ? Double.NaN : l[(int) Math.min(n - 1, Math.ceil(n * 0.50) - 1)] / 1e6;
            p99[p] = n == 0 ? Double.NaN : l[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6;
            run.log(
                    "post %d: reached %,d of %,d  p50 %.1f ms  p99 %.1f ms  last %.1f ms",
                    p, n, subscribers, p50[p], p99[p], last[p]);
            Thread.sleep(pause.toMillis());
        }
        OptionalDouble published1 = run.target().metric(BUS_PUBLISHED);
        OptionalDouble received1 = run.target().metric(BUS_RECEIVED);
        if (published0.isPresent() && published1.isPresent()) {
            result.metric(
                    "bus publishes per post",
                    (published1.getAsDouble() - published0.getAsDouble()) / posts,
                    "msgs");
        }
        if (received0.isPresent() && received1.isPresent()) {
            result.metric(
                    "bus deliveries to nodes per post",
                    (received1.getAsDouble() - received0.getAsDouble()) / posts,
                    "msgs");
        }
        result.metric("time until last subscriber (median)", median(last), "ms")
                .metric(
                        "time until last subscriber (worst post)",
                        Arrays.stream(last).max().orElse(Double.NaN),
                        "ms")
                .metric("latency p50 (median)", median(p50), "ms")
                .metric("latency p99 (median)", median(p99), "ms")
                .metric(
                        "subscribers reached (worst post)",
                        Arrays.stream(reached).min().orElse(0),
                        "subs")
                .metric(
                        "lost",
                        (long) posts * (subscribers - joinFailures)
                                - Arrays.stream(reached).asLongStream().sum(),
                        "deliveries");
        // from the send until the last subscriber had it (both share this machine's cores)
        if (!run.target().pids().isEmpty())
            result.metric("server cpu per post", serverCpu / 1e6 / posts, "ms");
        result.metric("generator cpu per post", generatorCpu / 1e6 / posts, "ms");
        result.note(
                "per post",
                "last "
                        + Arrays.toString(round(last))
                        + " ms, p99 "
                        + Arrays.toString(round(p99))
                        + " ms");

        List<CompletableFuture<Void>> closing = new ArrayList<>();
        closing.add(owner.close());
        for (BenchClient c : subs) closing.add(c.close());
        Run.failures(closing, Duration.ofMinutes(1));
        return result;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }
}
