package org.chapar.bench.scenario;

import org.chapar.bench.report.Result;
import org.chapar.bench.servers.ProcessStats;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Scenario 1 with its clients spread over {@code generators} processes, each holding at most 20,000
 * open files like the server's: each worker ({@code bench/run idle-worker}) provisions its share,
 * then all connect at one signal. The time to connect all runs from that signal to the last
 * worker's report; server memory is summed over the nodes as in {@link Idle}.
 */
public record SpreadIdle(int connections, Duration hold, int generators, List<String> workerArgs) {

    public Result run(Run run, List<URI> nodes, Path logDir) throws Exception {
        Result result =
                new Result("idle", run.target().name())
                        .parameter("connections", connections)
                        .parameter("server processes", run.target().pids().size())
                        .parameter("generator processes", generators)
                        .parameter("hold", hold.toString());
        List<GeneratorProcess> workers = new ArrayList<>();
        try {
            GeneratorProcess.startAll(
                    workers,
                    generators,
                    connections,
                    run.accountPrefix() + "g",
                    nodes,
                    workerArgs,
                    logDir);
            run.log("%d generator processes provisioning %,d accounts", generators, connections);
            long t = System.nanoTime();
            for (GeneratorProcess w : workers) w.expect("PROVISIONED", Duration.ofHours(2));
            result.metric("provision time", (System.nanoTime() - t) / 1e9, "s");
            Thread.sleep(2000);
            OptionalLong heap0 = run.target().heapUsedAfterGc();
            long rss0 = run.serverRssBytes();

            run.log("connecting %,d clients", connections);
            long start = System.nanoTime();
            for (GeneratorProcess w : workers) w.say("CONNECT");
            int connected = 0, failed = 0;
            for (GeneratorProcess w : workers) {
                double[] r = w.expect("CONNECTED", Duration.ofMinutes(30));
                connected += (int) r[0];
                failed += (int) r[1];
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            run.log(
                    "%,d connected in %.1f s (%d failed); holding %s",
                    connected, connectSeconds, failed, hold);
            result.metric("connected", connected, "conns")
                    .metric("failed to connect", failed, "conns")
                    .metric("time to connect all", connectSeconds, "s")
                    .metric("connect rate", connected / connectSeconds, "conns/s");
            Thread.sleep(hold.toMillis());
            OptionalLong heap1 = run.target().heapUsedAfterGc();
            long rss1 = run.serverRssBytes();
            long generatorRss =
                    workers.stream().mapToLong(w -> ProcessStats.rssBytes(w.process().pid())).sum();
            int open = 0;
            for (GeneratorProcess w : workers) {
                w.say("CLOSE");
                open += (int) w.expect("CLOSED", Duration.ofMinutes(3))[0];
            }
            result.metric("still open after hold", open, "conns");
            Idle.memory(result, rss0, rss1, heap0, heap1, connected);
            result.metric("generator RSS", generatorRss / 1048576.0, "MiB");
            return result;
        } finally {
            for (GeneratorProcess w : workers) w.stop();
        }
    }
}
