package org.chapar.bench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;
import org.chapar.bench.report.Result;
import org.chapar.bench.scenario.Channel;
import org.chapar.bench.scenario.Direct;
import org.chapar.bench.scenario.Idle;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.scenario.SpreadChannel;
import org.chapar.bench.scenario.SpreadIdle;
import org.chapar.protocol.ChatKind;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cluster target at tiny scale: two node processes on a fresh PostgreSQL database and this
 * test's own nats-server, clients spread over both; the idle, channel and direct scenarios run on
 * it, and closing it stops the nodes and drops the database.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChaparClusterIT {
    @TempDir static Path temp;
    private static NatsProcess nats;
    private static ChaparCluster cluster;
    private static LoadGenerator generator;
    private static ChaparDriver driver;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsProcess.start();
        cluster =
                ChaparCluster.start(
                        2,
                        new ChaparServer.Launch(null, System.getProperty("java.class.path")),
                        temp,
                        ChaparServer.BENCH_PROPERTIES,
                        "postgresql://postgres@"
                                + PostgresTestDatabase.HOST
                                + ":"
                                + PostgresTestDatabase.PORT,
                        nats.url());
        generator = new LoadGenerator(2, SourceAddresses.parse("127.0.0.2-127.0.0.3"), 64);
        driver =
                new ChaparDriver(
                        generator,
                        cluster.addresses().stream()
                                .map(a -> URI.create("ws://127.0.0.1:" + a.getPort() + "/ws"))
                                .toList(),
                        8,
                        Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (generator != null) generator.close();
        if (cluster != null) {
            String db = cluster.database();
            List<Long> pids = cluster.pids();
            cluster.close();
            for (long pid : pids)
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("node %d stopped", pid)
                        .isFalse();
            assertThat(databaseExists(db)).as("database %s dropped", db).isFalse();
        }
        if (nats != null) nats.close();
    }

    private static boolean databaseExists(String name) throws Exception {
        try (var c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            st.setString(1, name);
            return st.executeQuery().next();
        }
    }

    private static Run run(String prefix) {
        return new Run(
                cluster,
                driver,
                generator,
                prefix + (System.nanoTime() % 100000) + "_",
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void theClusterIsTwoNodeProcessesOnOneDatabase() {
        assertThat(cluster.pids()).hasSize(2).doesNotHaveDuplicates();
        assertThat(cluster.addresses()).hasSize(2).doesNotHaveDuplicates();
        assertThat(cluster.metric("chapar_bus_up")).hasValue(2);
    }

    @Test
    void idleClientsOnBothNodesAreAllConnectedAndTheirMemorySummed() throws Exception {
        Result r = new Idle(50, Duration.ofMillis(200)).run(run("ci"));

        assertThat(r.metric("connected").value()).isEqualTo(50);
        assertThat(r.metric("still open after hold").value()).isEqualTo(50);
        long rss = cluster.pids().stream().mapToLong(ProcessStats::rssBytes).sum();
        assertThat(r.metric("server RSS").value() * 1048576.0).isBetween(rss * 0.5, rss * 1.5);
    }

    @Test
    void idleClientsSpreadOverTwoGeneratorProcessesAreAllConnected() throws Exception {
        Result r =
                new SpreadIdle(
                                40,
                                Duration.ofMillis(200),
                                2,
                                List.of("--sources", "127.0.0.2-127.0.0.3", "--threads", "1"))
                        .run(run("cs"), nodes(), temp);

        assertThat(r.metric("connected").value()).isEqualTo(40);
        assertThat(r.metric("failed to connect").value()).isZero();
        assertThat(r.metric("still open after hold").value()).isEqualTo(40);
        assertThat(r.metric("generator RSS").value()).isPositive();
    }

    @Test
    void aChannelPostReachesSubscribersOnBothNodesWithOnePublish() throws Exception {
        Result r =
                new Channel(50, 2, Duration.ofMillis(100), Duration.ofSeconds(30), 16)
                        .run(run("cc"), driver.groups(ChatKind.CHANNEL));

        assertThat(r.metric("subscribers reached (worst post)").value()).isEqualTo(50);
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("bus publishes per post").value()).isEqualTo(1);
        assertThat(r.metric("bus deliveries to nodes per post").value()).isEqualTo(2);
    }

    @Test
    void aChannelPostReachesSubscribersSpreadOverTwoGeneratorProcesses() throws Exception {
        Result r =
                new SpreadChannel(
                                40,
                                2,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(30),
                                16,
                                2,
                                List.of("--sources", "127.0.0.2-127.0.0.3", "--threads", "1"))
                        .run(run("sc"), driver.groups(ChatKind.CHANNEL), nodes(), temp);

        assertThat(r.metric("connected").value()).isEqualTo(40);
        assertThat(r.metric("join errors").value()).isZero();
        assertThat(r.metric("server RSS per connection").value()).isPositive();
        assertThat(r.metric("subscribers reached (worst post)").value()).isEqualTo(40);
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("time until last subscriber (median)").value()).isPositive();
        assertThat(r.metric("bus publishes per post").value()).isEqualTo(1);
        assertThat(r.metric("bus deliveries to nodes per post").value()).isEqualTo(2);
    }

    private List<URI> nodes() {
        return cluster.addresses().stream()
                .map(a -> URI.create("ws://127.0.0.1:" + a.getPort() + "/ws"))
                .toList();
    }

    @Test
    void directMessagesCrossTheNodesAndAreAllDelivered() throws Exception {
        Result r =
                new Direct(10, 20, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), 64)
                        .run(run("cd"));

        assertThat(r.metric("delivered").value()).isPositive();
        assertThat(r.metric("send errors").value()).isZero();
        assertThat(r.metric("undelivered after drain").value()).isZero();
        assertThat(r.metric("server cpu per 1k msgs").value()).isPositive();
    }
}
