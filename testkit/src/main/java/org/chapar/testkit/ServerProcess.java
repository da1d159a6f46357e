package org.chapar.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server in a child JVM, for tests that kill it: {@link #kill()} sends SIGKILL, so nothing in the
 * server gets to flush or clean up. Uses the test's own class path and Java.
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
        Thread pump =
                new Thread(
                        () -> {
                            try {
                                String line;
                                while ((line = out.readLine()) != null) {
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
            p.destroyForcibly();
            throw new IOException("server process did not start", e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
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
