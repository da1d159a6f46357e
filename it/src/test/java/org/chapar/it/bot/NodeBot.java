package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bot program run by Node from it/bots (its npm packages pinned by package-lock.json): its output
 * lines are kept so a test can wait for one and show them all when it fails. Node and npm must be
 * on the PATH (scripts/services.sh installs them); without them the test fails and says so.
 */
final class NodeBot implements AutoCloseable {
    static final Path DIR = Path.of(System.getProperty("basedir", ".")).resolve("bots");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private NodeBot(Process process) {
        this.process = process;
        Thread.ofPlatform()
                .daemon()
                .name("node-bot-output")
                .start(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line; (line = r.readLine()) != null; ) {
                                    add(line);
                                }
                            } catch (IOException e) {
                                add("(output unreadable: " + e + ")");
                            }
                            end();
                        });
    }

    /** Installs the pinned libraries unless they are there, preferring npm's cache. */
    static void install() throws Exception {
        requireOnPath("node");
        requireOnPath("npm");
        if (Files.isDirectory(DIR.resolve("node_modules/grammy"))
                && Files.isDirectory(DIR.resolve("node_modules/telegraf"))) {
            return;
        }
        NodeBot npm =
                new NodeBot(
                        new ProcessBuilder(
                                        "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund")
                                .directory(DIR.toFile())
                                .redirectErrorStream(true)
                                .start());
        npm.awaitExit(Duration.ofMinutes(3));
    }

    private static void requireOnPath(String command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(command + " --version did not answer");
            }
        } catch (IOException e) {
            fail(
                    command
                            + " is not on the PATH: the bot library tests run grammY and Telegraf"
                            + " with Node.js 20 or newer (as root: apt-get install nodejs npm; "
                            + "scripts/services.sh does it)",
                    e);
        }
    }

    /** Starts {@code node script args...} in it/bots. */
    static NodeBot start(String script, String... args) throws IOException {
        return start(DIR, Map.of(), script, args);
    }

    /** Starts {@code node script args...} in {@code dir}, with {@code env} added. */
    static NodeBot start(Path dir, Map<String, String> env, String script, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
        b.environment().putAll(env);
        return new NodeBot(b.redirectErrorStream(true).start());
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    /** Waits for a line containing {@code text}; fails with everything said if it ends first. */
    synchronized String awaitLine(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            long left = end - System.nanoTime();
            if (ended || left <= 0) {
                return fail("no line with %s; the bot said:%n%s", text, String.join("\n", lines));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Waits for the program to end and requires exit 0. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("still running after %s; it said:%n%s", timeout, output());
        }
        assertThat(process.exitValue()).as("exit; it said:%n%s", output()).isZero();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
