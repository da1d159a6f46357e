package org.chapar.bench.scenario;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.load.Pacer;
import org.chapar.bench.report.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The parts the open-loop message scenarios share: sends paced at a fixed total rate, each event
 * loop pacing its share of the senders (latency then counts from the intended send time), the
 * once-a-second sampling of the measurement window, and the latency metrics of the report.
 */
final class OpenLoop {
    private OpenLoop() {}

    /** One paced send: client {@code sender} sends now what was due at {@code intendedNanos}. */
    @FunctionalInterface
    interface Send {
        void send(int sender, long intendedNanos);
    }

    /**
     * Starts pacing {@code rate} sends/s over the clients, spread evenly, while {@code sending}
     * holds; cancel the returned tasks to stop.
     */
    static List<ScheduledFuture<?>> pace(
            BenchClient[] clients, double rate, BooleanSupplier sending, Send send) {
        Map<EventLoop, List<Integer>> byLoop = new LinkedHashMap<>();
        for (int i = 0; i < clients.length; i++)
            byLoop.computeIfAbsent(clients[i].eventLoop(), l -> new ArrayList<>()).add(i);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        List<ScheduledFuture<?>> pacers = new ArrayList<>();
        for (var e : byLoop.entrySet()) {
            List<Integer> senders = e.getValue();
            Pacer pacer = new Pacer(rate * senders.size() / clients.length, start);
            int[] next = {0};
            pacers.add(
                    e.getKey()
                            .scheduleAtFixedRate(
                                    () -> {
                                        if (!sending.getAsBoolean()) return;
                                        long now = System.nanoTime();
                                        for (long due = Math.min(pacer.due(now), 20_000);
                                                due > 0;
                                                due--) {
                                            int i = senders.get(next[0]++ % senders.size());
                                            send.send(i, pacer.take());
                                        }
                                    },
                                    0,
                                    1,
                                    TimeUnit.MILLISECONDS));
        }
        return pacers;
    }

    /** Closes one interval of both series every second from {@code from} to {@code to}, logged. */
    static void sampleEverySecond(
            Run run, LatencySeries e2e, LatencySeries uncorrected, long from, long to)
            throws InterruptedException {
        for (long tick = from + 1_000_000_000L; tick <= to; tick += 1_000_000_000L) {
            TimeUnit.NANOSECONDS.sleep(tick - System.nanoTime());
            var iv = e2e.sample(tick);
            uncorrected.sample(tick);
            run.log(
                    "t=%3.0fs delivered %,9.0f/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms",
                    iv.secondsFromStart(), iv.ratePerSecond(), iv.p50Ms(), iv.p99Ms(), iv.maxMs());
        }
    }

    /**
     * p50, p99, p99.9 and max of {@code total}; with {@code raw} (open loop) the p99 counted from
     * the actual send beside it.
     */
    static void latencies(Result result, Histogram total, Histogram raw) {
        if (total.getTotalCount() == 0) {
            result.note("latency", "nothing was delivered in the measurement window");
            return;
        }
        result.metric("latency p50", LatencySeries.ms(total, 50), "ms")
                .metric("latency p99", LatencySeries.ms(total, 99), "ms")
                .metric("latency p99.9", LatencySeries.ms(total, 99.9), "ms")
                .metric("latency max", total.getMaxValue() / 1000.0, "ms");
        if (raw != null)
            result.metric("latency p99 (uncorrected)", LatencySeries.ms(raw, 99), "ms");
    }
}
