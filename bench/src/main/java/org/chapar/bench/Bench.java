package org.chapar.bench;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.chapar.bench.driver.Driver;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;
import org.chapar.bench.report.Charts;
import org.chapar.bench.report.JsonReport;
import org.chapar.bench.report.Result;
import org.chapar.bench.report.ResultTable;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.servers.ChaparCluster;
import org.chapar.bench.servers.ChaparServer;
import org.chapar.bench.servers.ExternalServer;
import org.chapar.bench.servers.Jvm;
import org.chapar.bench.servers.NullServer;
import org.chapar.bench.servers.Target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** One benchmark invocation: starts what it needs, runs scenarios, reports, stops everything. */
final class Bench implements AutoCloseable {
    private final Options options;
    final Path runDir;
    final LoadGenerator generator;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Thread stopOnExit = new Thread(this::close, "stop-servers");
    private boolean closed;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    Bench(Options options, List<String> commandLine) throws IOException {
        this.options = options;
        this.runDir =
                Files.createDirectories(
                        options.runDir != null
                                ? options.runDir
                                : Path.of(
                                        System.getProperty("chapar.home", "."),
                                        "bench/target/runs",
                                        LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss"))));
        this.generator =
                new LoadGenerator(
                        options.threads,
                        SourceAddresses.parse(options.sources),
                        options.maxConnecting);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        environment.put("command", "bench/run " + String.join(" ", commandLine));
        environment.put("git commit", gitCommit());
        environment.put("java", Jvm.javaVersion());
        environment.put(
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("generator threads", options.threads);
        environment.put("source addresses", options.sources);
        environment.put("run directory", runDir.toString());
    }

    private static String gitCommit() {
        try {
            Process p =
                    new ProcessBuilder(
                                    "git",
                                    "-C",
                                    System.getProperty("chapar.home", "."),
                                    "rev-parse",
                                    "--short",
                                    "HEAD")
                            .redirectErrorStream(true)
                            .start();
            return new String(p.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Starts (or attaches to) the Chapar server, or the in-memory stand-in. */
    Target chapar() throws IOException, InterruptedException {
        Target t;
        if (options.connect != null) {
            String[] hp = options.connect.split(":");
            t =
                    new ExternalServer(
                            "chapar",
                            new InetSocketAddress(hp[0], Integer.parseInt(hp[1])),
                            options.serverPid == null
                                    ? OptionalLong.empty()
                                    : OptionalLong.of(options.serverPid));
        } else if (options.server.equals("null")) {
            t = NullServer.start(2);
        } else {
            List<String> jvm = new ArrayList<>(Options.BENCH_SERVER_PROPERTIES);
            if (options.jfr)
                jvm.add(
                        "-XX:StartFlightRecording=filename="
                                // one recording per node of a cluster (JFR expands %p to the pid)
                                + runDir.resolve(
                                        options.nodes > 0
                                                ? "chapar-server-%p.jfr"
                                                : "chapar-server.jfr")
                                + ",settings=profile,dumponexit=true");
            jvm.addAll(options.serverOptions);
            ChaparServer.Launch launch =
                    ChaparServer.Launch.find(options.serverJar, options.serverClassPath);
            if (options.nodes > 0) {
                if (options.tls) throw new IOException("--tls is not supported with --nodes");
                ChaparCluster cluster =
                        ChaparCluster.start(
                                options.nodes, launch, runDir, jvm, options.postgres, options.nats);
                environment.put("cluster database", cluster.database());
                environment.put("cluster nats", options.nats);
                t = cluster;
            } else {
                t = ChaparServer.start(launch, runDir, jvm, options.tls);
            }
            environment.put("chapar server jvm options", jvm);
        }
        started.add(t);
        environment.put("chapar server", t.version());
        return t;
    }

    ChaparDriver chaparDriver(Target t) throws IOException {
        Optional<SslContext> tls = Optional.empty();
        if (t.tlsCertificate().isPresent()) {
            tls =
                    Optional.of(
                            SslContextBuilder.forClient()
                                    .trustManager(t.tlsCertificate().get())
                                    .endpointIdentificationAlgorithm("HTTPS")
                                    .build());
        }
        List<URI> nodes = webSockets(t, tls.isPresent() ? "wss" : "ws");
        return new ChaparDriver(generator, nodes, options.registerParallelism, tls);
    }

    /** The WebSocket URI of each of the target's nodes. */
    static List<URI> webSockets(Target t, String scheme) {
        return t.addresses().stream()
                .map(
                        a ->
                                URI.create(
                                        scheme
                                                + "://"
                                                + a.getHostString()
                                                + ":"
                                                + a.getPort()
                                                + "/ws"))
                .toList();
    }

    /** The server's plain HTTP origin (media, the Bot API); the scenarios using it speak no TLS. */
    static URI origin(Target t) {
        if (t.tlsCertificate().isPresent()) {
            throw new IllegalArgumentException(
                    "the media and bot scenarios speak plain HTTP: drop --tls");
        }
        return URI.create(
                "http://" + t.address().getHostString() + ":" + t.address().getPort() + "/");
    }

    /** What a generator process of a spread run needs to be told of this run's options. */
    List<String> generatorArgs() {
        return List.of(
                "--sources",
                options.sources,
                "--threads",
                Integer.toString(options.threads),
                "--max-connecting",
                Integer.toString(options.maxConnecting),
                "--register-parallelism",
                Integer.toString(options.registerParallelism));
    }

    Run run(Target target, Driver driver, String scenario) {
        String prefix =
                "b"
                        + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
                        + scenario.charAt(0)
                        + "_";
        return new Run(target, driver, generator, prefix, System.err);
    }

    /** Stops this server now and not again at the end (compare runs one server at a time). */
    void stop(Target t) {
        synchronized (this) {
            started.remove(t);
        }
        t.close();
    }

    /** Remembers a server started elsewhere so that an interrupted run still stops it. */
    synchronized void started(AutoCloseable server) {
        started.add(server);
    }

    void add(Result r) {
        results.add(r);
    }

    void environment(String key, Object value) {
        environment.put(key, value);
    }

    /** Prints the table and writes JSON and charts as asked. */
    void report() throws IOException {
        System.out.println(ResultTable.render(results));
        if (options.json != null) {
            JsonReport.write(options.json, environment, results);
            System.out.println("wrote " + options.json);
        }
        if (options.plot) {
            Path base =
                    options.json != null
                            ? options.json
                                    .toAbsolutePath()
                                    .resolveSibling(
                                            options.json
                                                    .getFileName()
                                                    .toString()
                                                    .replaceFirst("\\.json$", ""))
                            : runDir.resolve("chart");
            for (Result r : results) {
                for (Path p :
                        Charts.write(
                                base.resolveSibling(
                                        base.getFileName()
                                                + "-"
                                                + (r.scenario() + "-" + r.server())
                                                        .replaceAll("[^A-Za-z0-9._-]+", "-")),
                                r)) {
                    System.out.println("wrote " + p);
                }
            }
        }
    }

    /** Stops everything this run started; also runs on Ctrl-C or SIGTERM. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the hook is running or will run
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e);
            }
        }
        generator.close();
    }
}
