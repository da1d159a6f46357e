package org.chapar.bench.scenario;

import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.report.Result;
import org.chapar.bench.servers.ProcessStats;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4 with its subscribers spread over {@code generators} processes, for channels larger
 * than one process's 20,000 open files: each worker ({@code bench/run idle-worker}) provisions and
 * connects its share, which joins the channel this process's owner made; the owner posts, one post
 * at a time, and each worker times every arrival from the send (the text carries the owner's
 * nanoTime, the same clock in every process of the machine). Per post: the time until the last
 * subscriber of any worker has it; reported as the median over the posts and the worst. Once all
 * are connected, before they join, the server's memory is read as scenario 1 reads it.
 */
public record SpreadChannel(
        int subscribers,
        int posts,
        Duration pause,
        Duration postTimeout,
        int joinParallelism,
        int generators,
        List<String> workerArgs) {

    public Result run(Run run, Groups groups, List<URI> nodes, Path logDir) throws Exception {
        Result result =
                new Result("channel", run.target().name())
                        .parameter("subscribers", subscribers)
                        .parameter("posts", posts)
                        .parameter("server processes", run.target().pids().size())
                        .parameter("generator processes", generators);
        List<GeneratorProcess> workers = new ArrayList<>();
        try {
            GeneratorProcess.startAll(
                    workers,
                    generators,
                    subscribers,
                    run.accountPrefix() + "s",
                    nodes,
                    workerArgs,
                    logDir);
            run.log("%d generator processes provisioning %,d subscribers", generators, subscribers);
            long t0 = System.nanoTime();
            BenchClient owner =
                    run.driver()
                            .connect(
                                    run.driver().provision(run.accountPrefix() + "o", 1).getFirst(),
                                    Inbox.IGNORE)
                            .get(5, TimeUnit.MINUTES);
            String channel =
                    groups.create(owner, "bench channel", List.of()).get(1, TimeUnit.MINUTES);
            for (GeneratorProcess w : workers) w.expect("PROVISIONED", Duration.ofHours(2));
            result.metric("provision time", (System.nanoTime() - t0) / 1e9, "s");
            Thread.sleep(2000);
            OptionalLong heap0 = run.target().heapUsedAfterGc();
            long rss0 = run.serverRssBytes();

            run.log("connecting %,d subscribers", subscribers);
            long c0 = System.nanoTime();
            for (GeneratorProcess w : workers) w.say("CONNECT");
            int connected = 0;
            for (GeneratorProcess w : workers) {
                connected += (int) w.expect("CONNECTED", Duration.ofMinutes(30))[0];
            }
            result.metric("time to connect all", (System.nanoTime() - c0) / 1e9, "s")
                    .metric("connected", connected, "conns");
            // the subscribers idle and logged in, not yet members: scenario 1's memory figures
            Idle.memory(
                    result,
                    rss0,
                    run.serverRssBytes(),
                    heap0,
                    run.target().heapUsedAfterGc(),
                    connected);

            run.log("channel %s: %,d subscribers joining", channel, connected);
            long j0 = System.nanoTime();
            for (GeneratorProcess w : workers) w.say("JOIN " + channel + " " + joinParallelism);
            int joined = 0, joinFailures = 0;
            for (GeneratorProcess w : workers) {
                double[] r = w.expect("JOINED", Duration.ofMinutes(30));
                joined += (int) r[0];
                joinFailures += (int) r[1];
            }
            double joinSeconds = (System.nanoTime() - j0) / 1e9;
            run.log("%,d joined in %.1f s (%d failed)", joined, joinSeconds, joinFailures);
            result.metric("time to join all", joinSeconds, "s")
                    .metric("join rate", joined / joinSeconds, "joins/s")
                    .metric("join errors", joinFailures, "joins");
            Thread.sleep(1000);

            OptionalDouble published0 = run.target().metric(Channel.BUS_PUBLISHED);
            OptionalDouble received0 = run.target().metric(Channel.BUS_RECEIVED);
            double[] last = new double[posts];
            long reachedAll = 0;
            int worstReached = Integer.MAX_VALUE;
            long serverCpu = 0, generatorCpu = 0;
            for (int p = 0; p < posts; p++) {
                long cpu0 = run.serverCpuNanos(), gen0 = generatorsCpu(workers);
                long sent = System.nanoTime();
                groups.post(owner, channel, sent + " " + sent + " " + p).get(1, TimeUnit.MINUTES);
                for (GeneratorProcess w : workers) {
                    w.say("AWAIT " + p + " " + postTimeout.toMillis());
                }
                int reached = 0;
                long latest = 0;
                for (GeneratorProcess w : workers) {
                    double[] r = w.expect("RECEIVED", postTimeout.plusMinutes(1));
                    reached += (int) r[0];
                    latest = Math.max(latest, (long) r[1]);
                }
                serverCpu += run.serverCpuNanos() - cpu0;
                generatorCpu += generatorsCpu(workers) - gen0;
                last[p] = latest / 1e6;
                reachedAll += reached;
                worstReached = Math.min(worstReached, reached);
                run.log("post %d: reached %,d of %,d, last %.1f ms", p, reached, joined, last[p]);
                Thread.sleep(pause.toMillis());
            }
            OptionalDouble published1 = run.target().metric(Channel.BUS_PUBLISHED);
            OptionalDouble received1 = run.target().metric(Channel.BUS_RECEIVED);
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
            result.metric("time until last subscriber (median)", Channel.median(last), "ms")
                    .metric(
                            "time until last subscriber (worst post)",
                            Arrays.stream(last).max().orElse(Double.NaN),
                            "ms")
                    .metric("subscribers reached (worst post)", worstReached, "subs")
                    .metric("lost", (long) posts * joined - reachedAll, "deliveries")
                    .note("per post", "last " + Arrays.toString(last) + " ms");
            if (!run.target().pids().isEmpty()) {
                result.metric("server cpu per post", serverCpu / 1e6 / posts, "ms");
            }
            result.metric("generator cpu per post", generatorCpu / 1e6 / posts, "ms");
            for (GeneratorProcess w : workers) w.say("CLOSE");
            for (GeneratorProcess w : workers) w.expect("CLOSED", Duration.ofMinutes(3));
            owner.close().get(1, TimeUnit.MINUTES);
            return result;
        } finally {
            for (GeneratorProcess w : workers) w.stop();
        }
    }

    private static long generatorsCpu(List<GeneratorProcess> workers) {
        return workers.stream().mapToLong(w -> ProcessStats.cpuNanos(w.process().pid())).sum();
    }
}
