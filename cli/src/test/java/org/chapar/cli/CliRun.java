package org.chapar.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of the chapar command in-process, with CHAPAR_HOME at a test's directory. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path home, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                Main.run(
                        home,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        args);
        return new CliRun(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Registers {@code name} (password {@code "password-" + name}) as {@code profile} on the server
     * at {@code port}, and expects it to succeed.
     */
    static CliRun register(Path home, int port, String profile, String name) {
        CliRun r =
                run(
                        home,
                        "password-" + name + "\n",
                        "--profile",
                        profile,
                        "register",
                        name,
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--password-stdin");
        if (r.exit() != 0) {
            throw new AssertionError("register " + name + " failed: " + r.err());
        }
        return r;
    }

    /**
     * Starts a run in the background, for commands that wait (listen): its stderr can be waited on
     * while it runs.
     */
    static Running start(Path home, String stdin, String... args) {
        Running r = new Running();
        Thread.ofPlatform()
                .name("cli-" + String.join("-", args))
                .start(
                        () -> {
                            try {
                                int exit =
                                        Main.run(
                                                home,
                                                new ByteArrayInputStream(
                                                        stdin.getBytes(StandardCharsets.UTF_8)),
                                                new PrintStream(
                                                        r.out, true, StandardCharsets.UTF_8),
                                                new PrintStream(
                                                        r.err, true, StandardCharsets.UTF_8),
                                                args);
                                r.done.complete(new CliRun(exit, r.out.text(), r.err.text()));
                            } catch (Throwable t) {
                                r.done.completeExceptionally(t);
                            }
                        });
        return r;
    }

    /** A run in the background. */
    static final class Running {
        private final Watched out = new Watched();
        private final Watched err = new Watched();
        private final CompletableFuture<CliRun> done = new CompletableFuture<>();

        /** Waits (up to 20 s) until stderr has a line containing {@code text}. */
        Running awaitErr(String text) throws InterruptedException {
            if (!err.await(text, Duration.ofSeconds(20))) {
                throw new AssertionError(
                        "no stderr line with " + text + " in 20 s; stderr: " + err.text());
            }
            return this;
        }

        /** What stdout has so far. */
        String outSoFar() {
            return out.text();
        }

        /** The finished run (waiting up to 30 s). */
        CliRun result() throws Exception {
            return done.get(30, TimeUnit.SECONDS);
        }
    }

    /** An output stream whose readers can wait for a text to appear in it. */
    private static final class Watched extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        synchronized boolean await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text().lines().anyMatch(l -> l.contains(text))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Standard output as JSON lines. */
    List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    nodes.add(JsonView.mapper().readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return nodes;
    }

    JsonNode first() {
        return json().get(0);
    }
}
