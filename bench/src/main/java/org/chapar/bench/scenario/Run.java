package org.chapar.bench.scenario;

import org.chapar.bench.driver.Driver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.servers.ProcessStats;
import org.chapar.bench.servers.Target;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What every scenario runs against: the server, the driver that speaks to it, the generator. */
public record Run(
        Target target,
        Driver driver,
        LoadGenerator generator,
        String accountPrefix,
        PrintStream progress) {

    /** Server CPU time so far, or -1 where the server is not a separate process. */
    public long serverCpuNanos() {
        List<Long> pids = target.pids();
        return pids.isEmpty() ? -1 : pids.stream().mapToLong(ProcessStats::cpuNanos).sum();
    }

    /** Resident memory of the server, summed over its processes (a cluster's nodes); -1 if none. */
    public long serverRssBytes() {
        List<Long> pids = target.pids();
        return pids.isEmpty() ? -1 : pids.stream().mapToLong(ProcessStats::rssBytes).sum();
    }

    public static long generatorCpuNanos() {
        return ProcessStats.cpuNanos(ProcessHandle.current().pid());
    }

    public void log(String format, Object... args) {
        progress.printf("[%s] %s%n", target.name(), String.format(format, args));
    }

    /** Waits for all futures, failing with the first error after at most {@code timeout}. */
    static <T> List<T> all(List<CompletableFuture<T>> futures, Duration timeout) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Counts how many futures failed, without throwing; waits at most {@code timeout}. */
    static int failures(List<? extends CompletableFuture<?>> futures, Duration timeout)
            throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<?> f : futures) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) throw ie;
                failed.incrementAndGet();
            }
        }
        return failed.get();
    }
}
