package org.chapar.bench.scenario;

import org.chapar.bench.servers.Jvm;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One generator process of a spread run ({@code bench/run idle-worker}, {@link SpreadIdle} and
 * {@link SpreadChannel}) and its line protocol: lines said to its input, answers of a word and
 * numbers read from its output; its log goes to {@code generatorN.log} in the run directory.
 */
record GeneratorProcess(Process process, BufferedReader out, Writer in) {
    /**
     * Starts {@code generators} processes sharing {@code clients} between them (the first ones one
     * more when it does not divide), account names {@code prefix + index + "_" + n}, into {@code
     * started}, so that the caller stops those already running if a later one fails to start.
     */
    static void startAll(
            List<GeneratorProcess> started,
            int generators,
            int clients,
            String prefix,
            List<URI> nodes,
            List<String> args,
            Path logDir)
            throws IOException {
        String ws = nodes.stream().map(URI::toString).collect(Collectors.joining(","));
        for (int g = 0; g < generators; g++) {
            int count = clients / generators + (g < clients % generators ? 1 : 0);
            started.add(start(g, count, prefix + g + "_", ws, args, logDir));
        }
    }

    static GeneratorProcess start(
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
        return new GeneratorProcess(
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
                        "generator process exited with " + process.exitValue() + " before " + word);
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
