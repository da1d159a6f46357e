package org.chapar.bench.scenario;

import org.chapar.bench.report.Result;
import org.chapar.bench.servers.Jvm;
import org.chapar.bench.servers.ProcessStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
        List<Worker> workers = new ArrayList<>();
        try {
            String ws = nodes.stream().map(URI::toString).collect(Collectors.joining(","));
            for (int g = 0; g < generators; g++) {
                int count = connections / generators + (g < connections % generators ? 1 : 0);
                workers.add(
                        Worker.start(
                                g,
                                count,
                                run.accountPrefix() + "g" + g + "_",
                                ws,
                                workerArgs,
                                logDir));
            }
            run.log("%d generator processes provisioning %,d accounts", generators, connections);
            long t = System.nanoTime();
            for (Worker w : workers) w.expect("PROVISIONED", Duration.ofHours(2));
            result.metric("provision time", (System.nanoTime() - t) / 1e9, "s");
            Thread.sleep(2000);
            OptionalLong heap0 = run.target().heapUsedAfterGc();
            long rss0 = run.serverRssBytes();

            run.log("connecting %,d clients", connections);
            long start = System.nanoTime();
            for (Worker w : workers) w.say("CONNECT");
            int connected = 0, failed = 0;
            for (Worker w : workers) {
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
                    workers.stream().mapToLong(w -> ProcessStats.rssBytes(w.process.pid())).sum();
            int open = 0;
            for (Worker w : workers) {
                w.say("CLOSE");
                open += (int) w.expect("CLOSED", Duration.ofMinutes(3))[0];
            }
            result.metric("still open after hold", open, "conns");
            Idle.memory(result, rss0, rss1, heap0, heap1, connected);
            result.metric("generator RSS", generatorRss / 1048576.0, "MiB");
            return result;
        } finally {
            for (Worker w : workers) w.stop();
        }
    }

    /** One generator process and its line protocol. */
    private record Worker(Process process, BufferedReader out, Writer in) {
        static Worker start(
                int index, int count, String prefix, String ws, List<String> args, Path logDir)
                throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Jvm.java());
            cmd.add("-Xmx1g");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("org.chapar.bench.Main");
            cmd.add("idle-worker");
            cmd.addAll(List.of("--ws", ws, "--count", Integer.toString(count), "--prefix", prefix));
            cmd.addAll(args);
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectError(logDir.resolve("generator" + index + ".log").toFile())
                            .start();
            return new Worker(
                    p,
                    new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        }

        void say(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        /** Waits for the worker's next line, which must start with {@code word}; its numbers. */
        double[] expect(String word, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!out.ready()) {
                if (!process.isAlive())
                    throw new IOException(
                            "generator process exited with "
                                    + process.exitValue()
                                    + " before "
                                    + word);
                if (System.nanoTime() > deadline)
                    throw new IOException("no " + word + " from a generator process in " + timeout);
                Thread.sleep(20);
            }
            String line = out.readLine();
            if (line == null || !line.startsWith(word + " "))
                throw new IOException("generator process said " + line + ", expected " + word);
            String[] f = line.split(" ");
            double[] v = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) v[i - 1] = Double.parseDouble(f[i]);
            return v;
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
