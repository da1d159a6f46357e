package org.chapar.bench.scenario;

import io.netty.util.concurrent.ScheduledFuture;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 2: pairs of online users exchanging private messages, both ways. With a rate the load is
 * open-loop: each event loop paces its share of the senders and latency counts from the intended
 * send time. Without one ({@code rate = 0}) it is closed-loop at the highest rate the server
 * sustains: every sender keeps {@code window} messages in flight and sends the next when one is
 * delivered. Latency is the sender's send to the receiver's delivery, both taken from this JVM's
 * nanoTime, which the message text carries.
 */
public record Direct(
        int pairs, double rate, int window, Duration warmup, Duration duration, int textBytes) {

    /** The measurement window: deliveries after its start of messages intended before its end. */
    private static final class Window {
        volatile long measureFrom = Long.MAX_VALUE;
        volatile long measureTo = Long.MAX_VALUE;
        volatile boolean sending = true;
    }

    public String name() {
        return rate <= 0 ? "direct max" : "direct " + Math.round(rate) + "/s";
    }

    public Result run(Run run) throws Exception {
        boolean closedLoop = rate <= 0;
        Result result =
                new Result(name(), run.target().name())
                        .parameter("pairs", pairs)
                        .parameter("rate", closedLoop ? "max (window " + window + ")" : rate)
                        .parameter("duration", duration.toString());
        run.log("provisioning %,d accounts", 2 * pairs);
        List<Account> accounts = run.driver().provision(run.accountPrefix(), 2 * pairs);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) index.put(accounts.get(i).username(), i);

        long origin = System.nanoTime();
        LatencySeries e2e = new LatencySeries(origin);
        LatencySeries uncorrected = new LatencySeries(origin);
        LongAdder delivered = new LongAdder(),
                deliveredInWindow = new LongAdder(),
                sent = new LongAdder(),
                sendErrors = new LongAdder();
        Window w = new Window();
        BenchClient[] clients = new BenchClient[accounts.size()];
        String pad = "x".repeat(Math.max(0, textBytes - 40));

        Inbox inbox =
                (receiver, text, now) -> {
                    long intended = parse(text, 0), actual = parse(text, text.indexOf(' ') + 1);
                    delivered.increment();
                    if (now >= w.measureFrom && now < w.measureTo) deliveredInWindow.increment();
                    // Everything delivered in the window counts, including a backlog left by the
                    // warm-up:
                    // a server that fell behind shows the queueing delay instead of no data.
                    if (now >= w.measureFrom && intended < w.measureTo) {
                        e2e.record(now - intended);
                        uncorrected.record(now - actual);
                    }
                    if (closedLoop && w.sending) {
                        BenchClient back = clients[index.get(receiver.account().username()) ^ 1];
                        long t = System.nanoTime();
                        send(back, receiver.account(), t, t, pad, sent, sendErrors);
                    }
                };

        run.log("connecting %,d clients", clients.length);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
        // a pair on one event loop: a delivery starts the partner's send on the same thread
        for (int i = 0; i < accounts.size(); i++)
            connecting.add(run.driver().connect(accounts.get(i), inbox, i / 2));
        List<BenchClient> connected = Run.all(connecting, Duration.ofMinutes(10));
        for (int i = 0; i < clients.length; i++) clients[i] = connected.get(i);

        List<ScheduledFuture<?>> pacers = new ArrayList<>();
        if (closedLoop) {
            for (int i = 0; i < clients.length; i++) {
                for (int k = 0; k < window; k++) {
                    long t = System.nanoTime();
                    send(clients[i], clients[i ^ 1].account(), t, t, pad, sent, sendErrors);
                }
            }
        } else {
            pacers =
                    OpenLoop.pace(
                            clients,
                            rate,
                            () -> w.sending,
                            (i, intended) ->
                                    send(
                                            clients[i],
                                            clients[i ^ 1].account(),
                                            intended,
                                            System.nanoTime(),
                                            pad,
                                            sent,
                                            sendErrors));
        }

        run.log("warming up for %s", warmup);
        Thread.sleep(warmup.toMillis());
        long from = System.nanoTime();
        e2e.reset(from);
        uncorrected.reset(from);
        long cpu0 = run.serverCpuNanos(), gen0 = Run.generatorCpuNanos();
        long db0 = run.target().databaseCpuNanos();
        w.measureFrom = from;
        w.measureTo = from + duration.toNanos();
        OpenLoop.sampleEverySecond(run, e2e, uncorrected, from, w.measureTo);
        long cpu1 = run.serverCpuNanos(), gen1 = Run.generatorCpuNanos();
        long db1 = run.target().databaseCpuNanos();
        w.sending = false;
        pacers.forEach(p -> p.cancel(false));
        long inWindow = deliveredInWindow.sum();

        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.sum() < sent.sum() - sendErrors.sum() && System.nanoTime() < drainUntil)
            Thread.sleep(50);
        e2e.drain();
        uncorrected.drain();
        Histogram total = e2e.total(), raw = uncorrected.total();
        double seconds = duration.toNanos() / 1e9;
        if (!closedLoop) result.metric("offered rate", rate, "msgs/s");
        result.metric("delivered", inWindow / seconds, "msgs/s");
        OpenLoop.latencies(result, total, closedLoop ? null : raw);
        if (cpu0 >= 0 && inWindow > 0) {
            result.metric("server cpu per 1k msgs", (cpu1 - cpu0) / 1e6 / (inWindow / 1000.0), "ms")
                    .metric("server cpu", (cpu1 - cpu0) / (seconds * 1e9) * 100, "% of a core");
        }
        if (db0 >= 0 && inWindow > 0) {
            result.metric("database cpu per 1k msgs", (db1 - db0) / 1e6 / (inWindow / 1000.0), "ms")
                    .metric("database cpu", (db1 - db0) / (seconds * 1e9) * 100, "% of a core");
        }
        result.metric("generator cpu", (gen1 - gen0) / (seconds * 1e9) * 100, "% of a core")
                .metric("send errors", sendErrors.sum(), "msgs")
                .metric(
                        "undelivered after drain",
                        Math.max(0, sent.sum() - sendErrors.sum() - delivered.sum()),
                        "msgs")
                .intervals(e2e.intervals());
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (BenchClient c : clients) closing.add(c.close());
        Run.failures(closing, Duration.ofMinutes(1));
        return result;
    }

    private static void send(
            BenchClient from,
            Account to,
            long intended,
            long actual,
            String pad,
            LongAdder sent,
            LongAdder errors) {
        sent.increment();
        String text =
                new StringBuilder(48 + pad.length())
                        .append(intended)
                        .append(' ')
                        .append(actual)
                        .append(' ')
                        .append(pad)
                        .toString();
        from.sendDirect(to, text)
                .whenComplete(
                        (ok, e) -> {
                            if (e != null) errors.increment();
                        });
    }

    /** Parses the decimal number starting at {@code from} up to the next space. */
    static long parse(String text, int from) {
        long v = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') break;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
