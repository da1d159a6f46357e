package org.chapar.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server in a child JVM, for tests that kill it: {@link #kill()} sends SIGKILL, so nothing in the
 * server gets to flush or clean up; {@link #stop()} sends SIGTERM. Uses the test's own class path
 * and Java. A server that does not start fails {@link #start} with its exit status and output.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on {@code dataDir}; port 0 picks a free one. Waits until it listens. */
    public static ServerProcess start(Path dataDir, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                java,
                                "-Xmx512m",
                                "-Dchapar.argon2.memoryKib=64",
                                "-Dchapar.argon2.iterations=1",
                                "-Dchapar.limit.registerPerAddress=1000000/1000000000",
                                "-Dchapar.limit.sendsPerUser=1000000/1000000000",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "org.chapar.server.ServerMain",
                                dataDir.toString(),
                                "127.0.0.1",
                                Integer.toString(port)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump =
                new Thread(
                        () -> {
                            try {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    if (!listening.isDone()) {
                                        output.add(line);
                                    }
                                    if (line.startsWith("LISTENING ")) {
                                        listening.complete(
                                                Integer.parseInt(line.substring(10).trim()));
                                    }
                                }
                            } catch (IOException ignored) {
                                // the process died; listening fails below if it never started
                            }
                            listening.completeExceptionally(
                                    new IOException("server process exited before listening"));
                        },
                        "server-process-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(p, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            String status = exitStatus(p);
            p.destroyForcibly();
            String said;
            synchronized (output) {
                said = String.join("\n", output);
            }
            throw new IOException(
                    "server process did not start (" + status + "); its output:\n" + said, e);
        }
    }

    /** A process that closed its output is ending: its status, once it has one. */
    private static String exitStatus(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS)
                    ? "exit status " + p.exitValue()
                    : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** SIGTERM, then waits for the process to end; its exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
