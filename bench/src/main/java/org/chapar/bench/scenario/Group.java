package org.chapar.bench.scenario;

import io.netty.util.concurrent.ScheduledFuture;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 3: {@code groups} groups of {@code members} members, a fraction of them online; the
 * online members post at a fixed offered rate (posts/s in total, open loop, paced per event loop
 * like the direct scenario) and every other online member of the group must get each post. Latency
 * is from the intended send time to each receiver's delivery; the sender's own copy (MUC echoes it)
 * is not counted. Offline members are members too (on Chapar their common boxes get every post) but
 * do not connect.
 */
public record Group(
        int groups,
        int members,
        double online,
        double rate,
        Duration warmup,
        Duration duration,
        int textBytes) {

    private static final class Window {
        volatile long measureFrom = Long.MAX_VALUE;
        volatile long measureTo = Long.MAX_VALUE;
        volatile boolean sending = true;
    }

    public int onlinePerGroup() {
        return Math.max(2, Math.min(members, (int) Math.round(online * members)));
    }

    public String name() {
        return "group " + Math.round(rate) + "/s";
    }

    public Result run(Run run) throws Exception {
        return run(run, run.driver().groups());
    }

    public Result run(Run run, Groups chats) throws Exception {
        int perGroup = onlinePerGroup();
        Result result =
                new Result(name(), run.target().name())
                        .parameter("groups", groups)
                        .parameter("members", members)
                        .parameter("online per group", perGroup)
                        .parameter("rate", rate)
                        .parameter("duration", duration.toString());
        run.log("provisioning %,d accounts", groups * members);
        List<Account> accounts = run.driver().provision(run.accountPrefix(), groups * members);

        // online clients: the first perGroup members of each group; client g*perGroup is the owner
        int n = groups * perGroup;
        BenchClient[] clients = new BenchClient[n];
        Map<String, Integer> index = new HashMap<>();
        List<Account> onlineAccounts = new ArrayList<>(n);
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < perGroup; k++) {
                Account a = accounts.get(g * members + k);
                index.put(a.username(), onlineAccounts.size());
                onlineAccounts.add(a);
            }
        }

        long origin = System.nanoTime();
        LatencySeries e2e = new LatencySeries(origin), uncorrected = new LatencySeries(origin);
        LongAdder delivered = new LongAdder(),
                deliveredInWindow = new LongAdder(),
                sent = new LongAdder(),
                sendErrors = new LongAdder();
        Window w = new Window();
        String pad = "x".repeat(Math.max(0, textBytes - 48));
        Inbox inbox =
                (receiver, text, now) -> {
                    if (text.isEmpty() || !Character.isDigit(text.charAt(0))) return;
                    int s1 = text.indexOf(' '), s2 = text.indexOf(' ', s1 + 1);
                    if (s1 < 0 || s2 < 0) return;
                    Integer me = index.get(receiver.account().username());
                    if (me == null || me == Direct.parse(text, s2 + 1))
                        return; // own post echoed back
                    long intended = Direct.parse(text, 0), actual = Direct.parse(text, s1 + 1);
                    delivered.increment();
                    if (now >= w.measureFrom && now < w.measureTo) deliveredInWindow.increment();
                    if (now >= w.measureFrom && intended < w.measureTo) {
                        e2e.record(now - intended);
                        uncorrected.record(now - actual);
                    }
                };

        run.log("connecting %,d online members (%d per group)", n, perGroup);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>(n);
        for (Account a : onlineAccounts) connecting.add(run.driver().connect(a, inbox));
        List<BenchClient> connected = Run.all(connecting, Duration.ofMinutes(10));
        for (int i = 0; i < n; i++) clients[i] = connected.get(i);

        run.log("creating %d groups and joining their online members", groups);
        String[] address = new String[groups];
        List<CompletableFuture<String>> creating = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String name =
                    (run.accountPrefix() + "grp" + g)
                            .toLowerCase(java.util.Locale.ROOT)
                            .replaceAll("[^a-z0-9]", "");
            creating.add(
                    chats.create(
                            clients[g * perGroup],
                            name,
                            accounts.subList(g * members, (g + 1) * members)));
        }
        List<String> created = Run.all(creating, Duration.ofMinutes(5));
        for (int g = 0; g < groups; g++) address[g] = created.get(g);
        Semaphore permits = new Semaphore(256);
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % perGroup == 0) continue;
            permits.acquire();
            CompletableFuture<Void> j = chats.join(clients[i], address[i / perGroup]);
            j.whenComplete((v, e) -> permits.release());
            joins.add(j);
        }
        Run.all(joins, Duration.ofMinutes(10));
        Thread.sleep(500);

        List<ScheduledFuture<?>> pacers =
                OpenLoop.pace(
                        clients,
                        rate,
                        () -> w.sending,
                        (i, intended) -> {
                            sent.increment();
                            String text =
                                    new StringBuilder(64 + pad.length())
                                            .append(intended)
                                            .append(' ')
                                            .append(System.nanoTime())
                                            .append(' ')
                                            .append(i)
                                            .append(' ')
                                            .append(pad)
                                            .toString();
                            chats.post(clients[i], address[i / perGroup], text)
                                    .whenComplete(
                                            (ok, x) -> {
                                                if (x != null) sendErrors.increment();
                                            });
                        });

        run.log("warming up for %s", warmup);
        Thread.sleep(warmup.toMillis());
        long from = System.nanoTime();
        e2e.reset(from);
        uncorrected.reset(from);
        long cpu0 = run.serverCpuNanos(), gen0 = Run.generatorCpuNanos();
        w.measureFrom = from;
        w.measureTo = from + duration.toNanos();
        OpenLoop.sampleEverySecond(run, e2e, uncorrected, from, w.measureTo);
        long cpu1 = run.serverCpuNanos(), gen1 = Run.generatorCpuNanos();
        w.sending = false;
        pacers.forEach(p -> p.cancel(false));
        long inWindow = deliveredInWindow.sum();

        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.sum() < (sent.sum() - sendErrors.sum()) * (perGroup - 1)
                && System.nanoTime() < drainUntil) Thread.sleep(50);
        Thread.sleep(200); // the acknowledgements of the last posts
        e2e.drain();
        uncorrected.drain();
        Histogram total = e2e.total(), raw = uncorrected.total();
        double seconds = duration.toNanos() / 1e9;
        result.metric("offered rate", rate, "posts/s")
                .metric("delivered", inWindow / seconds, "msgs/s");
        OpenLoop.latencies(result, total, raw);
        if (cpu0 >= 0 && inWindow > 0) {
            result.metric("server cpu per 1k msgs", (cpu1 - cpu0) / 1e6 / (inWindow / 1000.0), "ms")
                    .metric("server cpu", (cpu1 - cpu0) / (seconds * 1e9) * 100, "% of a core");
        }
        long expected = (sent.sum() - sendErrors.sum()) * (perGroup - 1);
        result.metric("generator cpu", (gen1 - gen0) / (seconds * 1e9) * 100, "% of a core")
                .metric("send errors", sendErrors.sum(), "msgs")
                .metric("lost", Math.max(0, expected - delivered.sum()), "msgs")
                .intervals(e2e.intervals());
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (BenchClient c : clients) closing.add(c.close());
        Run.failures(closing, Duration.ofMinutes(1));
        return result;
    }
}
