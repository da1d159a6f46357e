package org.chapar.bench;

import org.chapar.bench.servers.ChaparServer;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options every scenario command takes: which server, the generator, and where results go. */
final class Options {
    static final List<String> BENCH_SERVER_PROPERTIES = ChaparServer.BENCH_PROPERTIES;

    @Option(
            names = "--server",
            description =
                    "chapar (start one), null (in-memory stand-in: the generator's ceiling). Default: ${DEFAULT-VALUE}")
    String server = "chapar";

    @Option(
            names = "--server-jar",
            description = "The CLI jar that runs `chapar server`. Default: ${DEFAULT-VALUE}")
    Path serverJar = Path.of(System.getProperty("chapar.home", "."), "cli/target/chapar.jar");

    @Option(
            names = "--server-classpath",
            description =
                    "Class path of org.chapar.server.ServerMain, used when the jar is missing")
    String serverClassPath = System.getProperty("chapar.server.classpath");

    @Option(
            names = "--server-opt",
            description = "Extra JVM option for the server (repeatable), e.g. -Xmx2g")
    List<String> serverOptions = new ArrayList<>();

    @Option(
            names = "--nodes",
            description =
                    "0: one node on embedded SQLite (default). N >= 1: a cluster of N node processes"
                            + " on a fresh database of --postgres and a subject prefix of this run's"
                            + " own on --nats; clients spread over the nodes round robin")
    int nodes;

    @Option(
            names = "--postgres",
            description =
                    "With --nodes: the PostgreSQL server to make (and drop) the run's database on."
                            + " Default: ${DEFAULT-VALUE}")
    String postgres = "postgresql://postgres@127.0.0.1:5432";

    @Option(
            names = "--nats",
            description = "With --nodes: the NATS server of the cluster. Default: ${DEFAULT-VALUE}")
    String nats = "nats://127.0.0.1:4222";

    @Option(
            names = "--tls",
            description =
                    "Run the Chapar server with --tls self-signed; the driver speaks wss:// and"
                            + " verifies the server's certificate (trusted as given, name checked)")
    boolean tls;

    @Option(
            names = "--jfr",
            description = "Record a JFR profile of the server into the run directory")
    boolean jfr;

    @Option(
            names = "--connect",
            description =
                    "Use a server that is already running at HOST:PORT instead of starting one")
    String connect;

    @Option(
            names = "--server-pid",
            description = "With --connect: the server's pid, for RSS and CPU")
    Long serverPid;

    @Option(names = "--threads", description = "Generator event loops. Default: ${DEFAULT-VALUE}")
    int threads = 2;

    @Option(names = "--sources", description = "Client source addresses. Default: ${DEFAULT-VALUE}")
    String sources = "127.0.0.2-127.0.0.9";

    @Option(
            names = "--max-connecting",
            description = "TCP handshakes in flight at once. Default: ${DEFAULT-VALUE}")
    int maxConnecting = 256;

    @Option(
            names = "--register-parallelism",
            description = "Registrations in flight at once. Default: ${DEFAULT-VALUE}")
    int registerParallelism = 32;

    @Option(
            names = "--run-dir",
            description = "Server data, logs and profiles. Default: bench/target/runs/<time>")
    Path runDir;

    @Option(names = "--json", description = "Write the results as JSON to this file")
    Path json;

    @Option(
            names = "--plot",
            description = "Write PNG charts next to the JSON file (or into the run directory)")
    boolean plot;

    /** Parses 20s, 2m, 500ms, or a bare number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase();
            if (v.endsWith("ms"))
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s"))
                return Duration.ofMillis(
                        (long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            if (v.endsWith("m"))
                return Duration.ofSeconds(
                        (long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        }
    }
}
