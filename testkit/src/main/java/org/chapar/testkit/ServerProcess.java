package org.chapar.testkit;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A server in a child JVM, for tests that kill it or hold it to the limits of a process: {@link
 * #kill()} sends SIGKILL, so nothing in the server gets to flush or clean up; {@link #stop()} sends
 * SIGTERM; {@link Options} sets its heap, direct memory, system properties and open-files limit;
 * {@link #memory()} reads its heap and off-heap memory. Uses the test's own class path and Java. A
 * server that does not start fails {@link #start} with its exit status and output.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern NMT_OTHER =
            Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private final Process process;
    private final int port;
    private final Queue<String> output;
    private JMXConnector jmx;

    private ServerProcess(Process process, int port, Queue<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts a server on {@code dataDir}; port 0 picks a free one. Waits until it listens. */
    public static ServerProcess start(Path dataDir, int port) throws IOException {
        return options().start(dataDir, port);
    }

    public static Options options() {
        return new Options();
    }

    /** How to start the child: JVM options after the test defaults, and an open-files limit. */
    public static final class Options {
        private final List<String> jvm = new ArrayList<>();
        private int openFiles;

        private Options() {}

        /** JVM options and {@code -D} properties; later ones win over the defaults. */
        public Options jvm(String... options) {
            jvm.addAll(List.of(options));
            return this;
        }

        /**
         * A node of a cluster: the store at {@code storeUrl}, the bus on the test's nats-server.
         */
        public Options onCluster(String storeUrl, NatsProcess nats) {
            return jvm(
                    "-Dchapar.store=" + storeUrl,
                    "-Dchapar.bus=" + nats.url(),
                    "-Dchapar.busPrefix=" + nats.prefix());
        }

        /** Starts {@code count} nodes with these options, in {@code dir/node0}, {@code node1}... */
        public List<ServerProcess> startNodes(Path dir, int count) throws IOException {
            List<ServerProcess> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                nodes.add(start(dir.resolve("node" + i), 0));
            }
            return nodes;
        }

        /** Turns on native memory tracking, which {@link ServerProcess#memory()} reads. */
        public Options trackMemory() {
            return jvm("-XX:NativeMemoryTracking=summary");
        }

        /** Starts the JVM under {@code ulimit -n files}. */
        public Options openFilesLimit(int files) {
            openFiles = files;
            return this;
        }

        public ServerProcess start(Path dataDir, int port) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>();
            if (openFiles > 0) {
                cmd.addAll(
                        List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "--"));
            }
            cmd.addAll(
                    List.of(
                            java,
                            "-Xmx512m",
                            "-Dchapar.argon2.memoryKib=64",
                            "-Dchapar.argon2.iterations=1",
                            "-Dchapar.limit.registerPerAddress=1000000/1000000000",
                            "-Dchapar.limit.sendsPerUser=1000000/1000000000",
                            // test webhook receivers listen on loopback (TestConfigs does the same)
                            "-Dchapar.webhooks.privateAddresses=true"));
            cmd.addAll(jvm);
            cmd.addAll(
                    List.of(
                            "-cp",
                            System.getProperty("java.class.path"),
                            "org.chapar.server.ServerMain",
                            dataDir.toString(),
                            "127.0.0.1",
                            Integer.toString(port)));
            return launch(cmd);
        }
    }

    private static ServerProcess launch(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread pump =
                new Thread(
                        () -> {
                            try {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    lines.add(line);
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
            return new ServerProcess(p, listening.get(60, TimeUnit.SECONDS), lines);
        } catch (Exception e) {
            String status = exitStatus(p);
            p.destroyForcibly();
            throw new IOException(
                    "server process did not start ("
                            + status
                            + "); its output:\n"
                            + String.join("\n", lines),
                    e);
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

    public URI httpUri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Every line the server printed so far (standard output and error). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /**
     * The last {@code lines} lines this server printed, as a throwable to attach to a failure
     * ({@link Throwable#addSuppressed}): a multi-node test's report then says what each node did.
     */
    public Throwable outputNote(String name, int lines) {
        List<String> all = output();
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        Throwable note =
                new Throwable(
                        name + ", its last " + tail.size() + " lines:\n" + String.join("\n", tail));
        note.setStackTrace(new StackTraceElement[0]);
        return note;
    }

    /**
     * What every thread of the server is doing now ({@code jcmd PID Thread.print}), as a throwable
     * to attach to a failure beside {@link #outputNote}: a node that stopped doing something says
     * where it is stuck.
     */
    public Throwable threadsNote(String name) {
        String dump;
        try {
            dump = jcmd("Thread.print");
        } catch (IOException e) {
            dump = "no thread dump: " + e;
        }
        Throwable note = new Throwable(name + ", its threads:\n" + dump);
        note.setStackTrace(new StackTraceElement[0]);
        return note;
    }

    /** {@code jcmd PID COMMAND...} of the JDK running the tests: what it printed. */
    private String jcmd(String... command) throws IOException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                Long.toString(process.pid())));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** File descriptors the server holds open now (Linux: {@code /proc/PID/fd}). */
    public long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    /**
     * Heap in use, and native memory allocated outside the JVM's own structures: Netty's direct
     * buffers (native memory tracking's "Other").
     */
    public record Memory(long heapBytes, long offHeapBytes) {
        public long total() {
            return heapBytes + offHeapBytes;
        }
    }

    /**
     * The server's memory in use after a full GC: the heap over JMX (the child's management agent
     * is started through the attach API on first use), off-heap memory from {@code jcmd PID
     * VM.native_memory} (start it with {@link Options#trackMemory()}).
     */
    public synchronized Memory memory() throws IOException {
        if (jmx == null) {
            try {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
                try {
                    jmx =
                            JMXConnectorFactory.connect(
                                    new JMXServiceURL(vm.startLocalManagementAgent()));
                } finally {
                    vm.detach();
                }
            } catch (AttachNotSupportedException e) {
                throw new IOException("cannot attach to the server process", e);
            }
        }
        MBeanServerConnection server = jmx.getMBeanServerConnection();
        MemoryMXBean memory =
                ManagementFactory.newPlatformMXBeanProxy(
                        server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return new Memory(memory.getHeapMemoryUsage().getUsed(), nativeOther());
    }

    private long nativeOther() throws IOException {
        String report = jcmd("VM.native_memory", "summary");
        Matcher other = NMT_OTHER.matcher(report);
        if (!other.find()) {
            throw new IOException("no native memory summary (trackMemory() not set?): " + report);
        }
        return Long.parseLong(other.group(1)) * 1024;
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
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the process is going away anyway
            }
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
