package org.chapar.bench.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * N Chapar nodes as separate processes on one fresh PostgreSQL database (created under a random
 * name, dropped on close) and one NATS server under a subject prefix of this run's own, so that
 * runs sharing the machine's NATS never see each other's traffic. The first node starts alone (it
 * runs the migrations), the others then in parallel.
 */
public final class ChaparCluster implements Target {
    private final List<ChaparServer> nodes;
    private final Database database;

    private ChaparCluster(List<ChaparServer> nodes, Database database) {
        this.nodes = nodes;
        this.database = database;
    }

    /**
     * @param postgres where to make the database: {@code postgresql://user@host:port} (trust or a
     *     password in the URL as {@code user:password@})
     * @param bus the NATS server, {@code nats://host:port}
     */
    public static ChaparCluster start(
            int count,
            ChaparServer.Launch launch,
            Path runDir,
            List<String> jvmOptions,
            String postgres,
            String bus)
            throws IOException, InterruptedException {
        if (count < 1) throw new IllegalArgumentException("a cluster needs at least one node");
        String suffix = random();
        Database db = Database.create(postgres, "chapar_bench_" + suffix);
        List<ChaparServer> nodes = new ArrayList<>();
        ChaparCluster cluster = new ChaparCluster(nodes, db);
        List<String> jvm = List.copyOf(jvmOptions);
        Map<String, String> env =
                Map.of(
                        "CHAPAR_STORE",
                        db.storeUrl(),
                        "CHAPAR_BUS",
                        bus,
                        "CHAPAR_BUS_PREFIX",
                        "bench" + suffix);
        try {
            nodes.add(ChaparServer.start(launch, runDir.resolve("node0"), jvm, false, env));
            List<CompletableFuture<ChaparServer>> rest = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                Path dir = runDir.resolve("node" + i);
                rest.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return ChaparServer.start(launch, dir, jvm, false, env);
                                    } catch (IOException e) {
                                        throw new CompletionException(e);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                        throw new CompletionException(e);
                                    }
                                }));
            }
            IOException failure = null;
            for (CompletableFuture<ChaparServer> f : rest) {
                try {
                    nodes.add(f.join());
                } catch (CompletionException e) {
                    failure = new IOException("a node did not start: " + e.getCause(), e);
                }
            }
            if (failure != null) throw failure;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String random() {
        byte[] b = new byte[5];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public List<ChaparServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The name of this run's database (dropped by {@link #close}). */
    public String database() {
        return database.name;
    }

    /** Its backends only: PostgreSQL's WAL writer and checkpointer serve every database. */
    @Override
    public long databaseCpuNanos() {
        return ProcessStats.cpuNanosOfCommands(" " + database.name + " ");
    }

    @Override
    public String name() {
        return "chapar-" + nodes.size() + "-nodes";
    }

    @Override
    public String version() {
        return nodes.get(0).version() + " x" + nodes.size() + " on PostgreSQL + NATS";
    }

    @Override
    public InetSocketAddress address() {
        return nodes.get(0).address();
    }

    @Override
    public List<InetSocketAddress> addresses() {
        return nodes.stream().map(ChaparServer::address).toList();
    }

    /** Empty: a cluster is several processes; see {@link #pids()}. */
    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public List<Long> pids() {
        return nodes.stream().map(n -> n.pid().getAsLong()).toList();
    }

    @Override
    public OptionalLong heapUsedAfterGc() {
        long sum = 0;
        for (ChaparServer n : nodes) {
            OptionalLong h = n.heapUsedAfterGc();
            if (h.isEmpty()) return OptionalLong.empty();
            sum += h.getAsLong();
        }
        return OptionalLong.of(sum);
    }

    @Override
    public OptionalDouble metric(String name) {
        double sum = 0;
        for (ChaparServer n : nodes) {
            OptionalDouble v = n.metric(name);
            if (v.isEmpty()) return OptionalDouble.empty();
            sum += v.getAsDouble();
        }
        return OptionalDouble.of(sum);
    }

    /** Stops every node, then drops the database. */
    @Override
    public void close() {
        nodes.parallelStream().forEach(ChaparServer::close);
        database.drop();
    }

    /** A database of this run's own on the given PostgreSQL server. */
    private record Database(String server, String name) {
        static Database create(String server, String name) throws IOException {
            Database db = new Database(server, name);
            db.admin("CREATE DATABASE " + name);
            return db;
        }

        String storeUrl() {
            return server + "/" + name;
        }

        void drop() {
            try {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IOException e) {
                System.err.println("could not drop database " + name + ": " + e.getMessage());
            }
        }

        private void admin(String sql) throws IOException {
            // postgresql://user[:password]@host:port -> jdbc:postgresql://host:port/postgres
            String rest = server.substring("postgresql://".length());
            int at = rest.lastIndexOf('@');
            String user = at < 0 ? "postgres" : rest.substring(0, at);
            String password = "";
            int colon = user.indexOf(':');
            if (colon >= 0) {
                password = user.substring(colon + 1);
                user = user.substring(0, colon);
            }
            String hostPort = rest.substring(at + 1);
            try (Connection c =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://" + hostPort + "/postgres", user, password);
                    Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IOException(
                        "PostgreSQL at " + hostPort + " (user " + user + "): " + e.getMessage(), e);
            }
        }
    }
}
