package org.chapar.bench.scenario;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.bot.BotApiClient;
import org.chapar.bench.driver.chapar.ChaparBots;
import org.chapar.bench.report.Result;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * flight. With {@code botApi} (the server's HTTP origin) a bot is made an admin that may post, and
 * the posts alternate between the owner's client and the bot's sendMessage, {@code posts} each,
 * timed the same way and reported apart ("bot ..." metrics).
 */
public record Channel(
        int subscribers,
        int posts,
        Duration pause,
        Duration postTimeout,
        int joinParallelism,
        Optional<URI> botApi) {
    /** Posts by the owner's client only. */
    public Channel(
            int subscribers, int posts, Duration pause, Duration postTimeout, int joinParallelism) {
        this(subscribers, posts, pause, postTimeout, joinParallelism, Optional.empty());
    }

    /** The nodes' bus counters as {@code /metrics} exposes them (server ops/NodeMetrics). */
    static final String BUS_PUBLISHED = "chapar_bus_published_total",
            BUS_RECEIVED = "chapar_bus_received_total";

    public Result run(Run run, Groups groups) throws Exception {
        Result result =
                new Result("channel", run.target().name())
                        .parameter("subscribers", subscribers)
                        .parameter("posts", posts)
                        .parameter("posted by", botApi.isPresent() ? "owner and bot" : "owner");
        run.log("provisioning %,d accounts", subscribers + 1);
        long t0 = System.nanoTime();
        List<Account> accounts = run.driver().provision(run.accountPrefix(), subscribers + 1);
        result.metric("provision time", (System.nanoTime() - t0) / 1e9, "s");

        int posters = botApi.isPresent() ? 2 : 1, total = posts * posters;
        // latencies[post][k], k = arrival order; seen[post] counts arrivals
        long[][] latencies = new long[total][subscribers];
        AtomicInteger[] seen = new AtomicInteger[total];
        for (int p = 0; p < total; p++) seen[p] = new AtomicInteger();
        AtomicLongArray lastArrival = new AtomicLongArray(total);
        AtomicInteger foreign = new AtomicInteger();
        Inbox inbox =
                (receiver, text, now) -> {
                    int sp = text.indexOf(' ');
                    int p = sp < 0 ? -1 : (int) Direct.parse(text, text.lastIndexOf(' ') + 1);
                    if (p < 0 || p >= total) {
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

        BotApiClient bot = null;
        long botChat = BotApiClient.channelId(Long.parseLong(channel));
        if (botApi.isPresent()) {
            ChaparBots.Bot b = ChaparBots.create(owner).get(1, TimeUnit.MINUTES);
            ChaparBots.makePoster(owner, channel, b).get(1, TimeUnit.MINUTES);
            bot = new BotApiClient(botApi.get(), b.token());
            run.log("bot @%s posts every other post", b.account().username());
        }

        // NATS publishes and deliveries to nodes per post, from the nodes' /metrics, where they
        // have it (the posts are the only traffic now)
        OptionalDouble published0 = run.target().metric(BUS_PUBLISHED);
        OptionalDouble received0 = run.target().metric(BUS_RECEIVED);
        double[] last = new double[total], p50 = new double[total], p99 = new double[total];
        double[] ack = new double[total];
        int[] reached = new int[total];
        long[] serverCpu = new long[posters], generatorCpu = new long[posters];
        for (int p = 0; p < total; p++) {
            int poster = p % posters;
            long cpu0 = run.serverCpuNanos(), gen0 = Run.generatorCpuNanos();
            long sent = System.nanoTime();
            String text = sent + " " + sent + " " + p;
            if (poster == 0) {
                groups.post(owner, channel, text).get(1, TimeUnit.MINUTES);
            } else {
                bot.call("sendMessage", Map.of("chat_id", botChat, "text", text));
            }
            ack[p] = (System.nanoTime() - sent) / 1e6;
            long deadline = sent + postTimeout.toNanos();
            while (seen[p].get() < subscribers - joinFailures && System.nanoTime() < deadline)
                Thread.sleep(1);
            serverCpu[poster] += run.serverCpuNanos() - cpu0;
            generatorCpu[poster] += Run.generatorCpuNanos() - gen0;
            Thread.sleep(20); // late duplicates or stragglers
            int n = Math.min(seen[p].get(), subscribers);
            reached[p] = n;
            long[] l = Arrays.copyOf(latencies[p], n);
            Arrays.sort(l);
            last[p] = n == 0 ? Double.NaN : (lastArrival.get(p) - sent) / 1e6;
            p50[p] = n == 0 ? Double.NaN : l[(int) Math.min(n - 1, Math.ceil(n * 0.50) - 1)] / 1e6;
            p99[p] = n == 0 ? Double.NaN : l[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6;
            run.log(
                    "post %d%s: reached %,d of %,d  p50 %.1f ms  p99 %.1f ms  last %.1f ms",
                    p, poster == 0 ? "" : " (bot)", n, subscribers, p50[p], p99[p], last[p]);
            Thread.sleep(pause.toMillis());
        }
        if (bot != null) bot.close();
        OptionalDouble published1 = run.target().metric(BUS_PUBLISHED);
        OptionalDouble received1 = run.target().metric(BUS_RECEIVED);
        if (published0.isPresent() && published1.isPresent()) {
            result.metric(
                    "bus publishes per post",
                    (published1.getAsDouble() - published0.getAsDouble()) / total,
                    "msgs");
        }
        if (received0.isPresent() && received1.isPresent()) {
            result.metric(
                    "bus deliveries to nodes per post",
                    (received1.getAsDouble() - received0.getAsDouble()) / total,
                    "msgs");
        }
        for (int poster = 0; poster < posters; poster++) {
            String by = poster == 0 ? "" : "bot: ";
            double[] pl = every(last, poster, posters), p5 = every(p50, poster, posters);
            double[] p9 = every(p99, poster, posters), ac = every(ack, poster, posters);
            result.metric(by + "time until last subscriber (median)", median(pl), "ms")
                    .metric(
                            by + "time until last subscriber (worst post)",
                            Arrays.stream(pl).max().orElse(Double.NaN),
                            "ms")
                    .metric(by + "latency p50 (median)", median(p5), "ms")
                    .metric(by + "latency p99 (median)", median(p9), "ms")
                    .metric(by + "send answered (median)", median(ac), "ms");
            // from the send until the last subscriber had it (both share this machine's cores)
            if (!run.target().pids().isEmpty())
                result.metric(by + "server cpu per post", serverCpu[poster] / 1e6 / posts, "ms");
            result.metric(by + "generator cpu per post", generatorCpu[poster] / 1e6 / posts, "ms");
            result.note(
                    by + "per post",
                    "last "
                            + Arrays.toString(round(pl))
                            + " ms, p99 "
                            + Arrays.toString(round(p9))
                            + " ms");
        }
        result.metric(
                        "subscribers reached (worst post)",
                        Arrays.stream(reached).min().orElse(0),
                        "subs")
                .metric(
                        "lost",
                        (long) total * (subscribers - joinFailures)
                                - Arrays.stream(reached).asLongStream().sum(),
                        "deliveries");

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

    /** Every {@code step}-th value from {@code first}: one poster's posts of the alternation. */
    private static double[] every(double[] v, int first, int step) {
        double[] out = new double[(v.length - first + step - 1) / step];
        for (int i = 0; i < out.length; i++) out[i] = v[first + i * step];
        return out;
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }
}
