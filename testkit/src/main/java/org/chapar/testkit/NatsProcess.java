package org.chapar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The test's own nats-server on a free loopback port, which the test may stop and start again on
 * the same port to make a bus outage; never the machine's shared one. Each instance hands out its
 * own subject prefix too. A machine without nats-server fails the test with what to install.
 */
public final class NatsProcess implements AutoCloseable {
    private final Path binary;
    private final int port;
    private final String prefix = "t" + UUID.randomUUID().toString().replace("-", "");
    private Process process;

    private NatsProcess(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** Starts a nats-server on a free port and waits until it accepts connections. */
    public static NatsProcess start() {
        NatsProcess nats = new NatsProcess(binary(), freePort());
        nats.startAgain();
        return nats;
    }

    private static Path binary() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, "nats-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "nats-server is not installed; the cluster tests start their own. As root:"
                        + " apt-get install nats-server (./run-tests does it)");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** A subject prefix no other test uses. */
    public String prefix() {
        return prefix;
    }

    /** Starts the server (again, after {@link #stop}) on the same port. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process =
                    new ProcessBuilder(
                                    binary.toString(),
                                    "-a",
                                    "127.0.0.1",
                                    "-p",
                                    Integer.toString(port))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "nats-server exited with status " + process.exitValue());
                }
                sleep(50);
            }
        }
        throw new IllegalStateException("nats-server did not listen on port " + port + " in 20 s");
    }

    /** Stops the server (SIGKILL: the clients see the connection drop, not a goodbye). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
