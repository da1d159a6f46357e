package org.chapar.bench.driver.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;
import org.chapar.bench.report.Result;
import org.chapar.bench.scenario.Direct;
import org.chapar.bench.scenario.Group;
import org.chapar.bench.scenario.Idle;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.servers.EjabberdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The XMPP driver against a real ejabberd node started for this class. ejabberd must be installed
 * (Debian package ejabberd; .ci/run installs it): without it this test fails with that message
 * rather than being skipped, because the side-by-side numbers depend on it.
 */
class XmppDriverIT {
    private static EjabberdServer ejabberd;
    private static LoadGenerator generator;
    private static XmppDriver driver;

    @BeforeAll
    static void start() throws Exception {
        assertThat(EjabberdServer.installed())
                .as(
                        "ejabberd is not installed: apt-get install ejabberd (needed by the XMPP driver's tests and bench/compare-ejabberd)")
                .isTrue();
        ejabberd = EjabberdServer.start(EjabberdServer.Storage.NONE);
        generator = new LoadGenerator(2, SourceAddresses.parse("127.0.0.2-127.0.0.3"), 64);
        driver = new XmppDriver(generator, ejabberd.address(), ejabberd.domain(), ejabberd.api());
    }

    @AfterAll
    static void stop() {
        if (generator != null) generator.close();
        if (ejabberd != null) ejabberd.close();
    }

    private static Run run(String prefix) {
        return new Run(
                ejabberd,
                driver,
                generator,
                prefix,
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void aChatMessageArrivesWithItsBody() throws Exception {
        List<Account> two = driver.provision("chat_", 2);
        CompletableFuture<String> got = new CompletableFuture<>();
        BenchClient a = driver.connect(two.get(0), (r, t, n) -> {}).get(20, TimeUnit.SECONDS);
        driver.connect(two.get(1), (r, t, n) -> got.complete(t)).get(20, TimeUnit.SECONDS);

        a.sendDirect(two.get(1), "12 34 <&>").get(10, TimeUnit.SECONDS);

        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("12 34 <&>");
    }

    @Test
    void aGroupchatPostReachesEveryMemberWhoJoined() throws Exception {
        List<Account> three = driver.provision("muc_", 3);
        ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
        BenchClient owner = driver.connect(three.get(0), (r, t, n) -> {}).get(20, TimeUnit.SECONDS);
        BenchClient m1 =
                driver.connect(three.get(1), (r, t, n) -> got.add(r.account().username() + ":" + t))
                        .get(20, TimeUnit.SECONDS);
        BenchClient m2 =
                driver.connect(three.get(2), (r, t, n) -> got.add(r.account().username() + ":" + t))
                        .get(20, TimeUnit.SECONDS);
        Groups groups = driver.groups();
        String room = groups.create(owner, "room1", three).get(20, TimeUnit.SECONDS);
        groups.join(m1, room).get(20, TimeUnit.SECONDS);
        groups.join(m2, room).get(20, TimeUnit.SECONDS);

        groups.post(owner, room, "to all").get(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(got).containsExactlyInAnyOrder("muc_1:to all", "muc_2:to all");
    }

    @Test
    void idleAndDirectRunAgainstEjabberd() throws Exception {
        Result idle = new Idle(40, Duration.ofMillis(300)).run(run("idle_"));
        assertThat(idle.metric("connected").value()).isEqualTo(40);
        assertThat(idle.metric("server RSS per connection")).isNotNull();

        Result direct =
                new Direct(4, 200, 0, Duration.ofMillis(500), Duration.ofSeconds(2), 64)
                        .run(run("direct_"));
        assertThat(direct.metric("delivered").value()).isBetween(150.0, 250.0);
        assertThat(direct.metric("undelivered after drain").value()).isZero();
        assertThat(direct.metric("server cpu per 1k msgs")).isNotNull();
    }

    @Test
    void theGroupScenarioRunsOnMucRoomsWithNothingLost() throws Exception {
        Result r =
                new Group(2, 8, 0.5, 20, Duration.ofMillis(500), Duration.ofSeconds(2), 64)
                        .run(run("grp_"));
        // 20 posts/s, each to the 3 other online occupants (the sender's echo is not counted)
        assertThat(r.metric("delivered").value()).isBetween(40.0, 80.0);
        assertThat(r.metric("lost").value()).isZero();
    }
}
