package org.chapar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.chapar.ChaparClient;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.report.Result;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The Chapar driver and every Chapar scenario against a real server, at small scale. */
class ChaparScenariosIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withRateLimits(RateLimits.unlimited()));

    private static ScenarioBench bench;
    private static LoadGenerator generator;
    private static ChaparDriver driver;

    @BeforeAll
    static void generator() {
        bench = new ScenarioBench(server.port());
        generator = bench.generator;
        driver = bench.driver;
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    private static Run run() {
        return bench.run("it");
    }

    @Test
    void aMessageSentByOneClientIsDeliveredToTheOtherWithItsText() throws Exception {
        List<Account> two = driver.provision("drv" + (System.nanoTime() % 100000) + "_", 2);
        var got = new java.util.concurrent.CompletableFuture<String>();
        BenchClient alice =
                driver.connect(two.get(0), (r, text, now) -> {}).get(10, TimeUnit.SECONDS);
        driver.connect(
                        two.get(1),
                        (r, text, now) -> got.complete(r.account().username() + ":" + text))
                .get(10, TimeUnit.SECONDS);

        alice.sendDirect(two.get(1), "hello 42").get(10, TimeUnit.SECONDS);

        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo(two.get(1).username() + ":hello 42");
        assertThat(two.get(1).id()).isPositive();
        assertThat(two.get(1).token()).isNotBlank();
    }

    @Test
    void aResumedClientFetchesWhatItMissedPageByPageExactlyOnce() throws Exception {
        List<Account> two = driver.provision("sync" + (System.nanoTime() % 100000) + "_", 2);
        BenchClient sender = driver.connect(two.get(0), (r, t, n) -> {}).get(10, TimeUnit.SECONDS);
        ChaparClient first =
                driver.connectClient(two.get(1), (r, t, n) -> {}).get(10, TimeUnit.SECONDS);
        long pts = first.pts();
        first.close().get(10, TimeUnit.SECONDS);
        CatchUp.sendAll(List.of(sender), two.get(1), 2500);

        AtomicInteger delivered = new AtomicInteger();
        ChaparClient back =
                driver.open(two.get(1), (r, t, n) -> delivered.incrementAndGet())
                        .get(10, TimeUnit.SECONDS);
        long fetched = back.syncFrom(pts).get(60, TimeUnit.SECONDS);

        assertThat(fetched).isEqualTo(2500);
        assertThat(delivered.get()).isEqualTo(2500);
        assertThat(back.pts()).isEqualTo(pts + 2500);
    }

    @Test
    void directAtAFixedRateDeliversEverythingAndMeasuresLatency() throws Exception {
        Result r =
                new Direct(5, 200, 0, Duration.ofSeconds(1), Duration.ofSeconds(2), 64).run(run());

        assertThat(r.metric("delivered").value()).isBetween(150.0, 250.0);
        assertThat(r.metric("latency p50").value()).isPositive();
        assertThat(r.metric("send errors").value()).isZero();
        assertThat(r.metric("undelivered after drain").value()).isZero();
        assertThat(r.intervals()).hasSize(2);
    }

    @Test
    void directClosedLoopKeepsTheWindowFull() throws Exception {
        Result r =
                new Direct(4, 0, 2, Duration.ofMillis(500), Duration.ofSeconds(2), 64).run(run());
        assertThat(r.metric("delivered").value()).isPositive();
        assertThat(r.metric("undelivered after drain").value()).isZero();
    }

    @Test
    void idleHoldsEveryConnection() throws Exception {
        Result r = new Idle(60, Duration.ofMillis(500)).run(run());
        assertThat(r.metric("connected").value()).isEqualTo(60);
        assertThat(r.metric("still open after hold").value()).isEqualTo(60);
    }

    @Test
    void catchUpGetsEveryMissedUpdate() throws Exception {
        Result r = new CatchUp(1200, 2, 2).run(run(), driver);
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("time to sync p50").value()).isPositive();
    }

    @Test
    void reconnectStormLosesAndDuplicatesNothingWhileLiveTrafficRacesTheCatchUp() throws Exception {
        Result r = new ReconnectStorm(30, 3, 2, 300).run(run(), driver);
        assertThat(r.metric("messages acknowledged").value()).isGreaterThan(90);
        assertThat(r.metric("failed to reconnect").value()).isZero();
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("duplicated").value()).isZero();
    }

    @Test
    void everySubscriberOfAChannelGetsEachPost() throws Exception {
        Result r =
                new Channel(12, 3, Duration.ofMillis(100), Duration.ofSeconds(10), 4)
                        .run(run(), driver.groups(org.chapar.protocol.ChatKind.CHANNEL));
        assertThat(r.metric("join errors").value()).isZero();
        assertThat(r.metric("subscribers reached (worst post)").value()).isEqualTo(12);
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("time until last subscriber (median)").value()).isPositive();
    }

    @Test
    void groupPostsAtAFixedRateReachEveryOtherOnlineMember() throws Exception {
        Result r =
                new Group(2, 10, 0.5, 20, Duration.ofMillis(500), Duration.ofSeconds(2), 64)
                        .run(run());
        // 20 posts/s, each to the 4 other online members of its group
        assertThat(r.metric("delivered").value()).isBetween(50.0, 110.0);
        assertThat(r.metric("latency p50").value()).isPositive();
        assertThat(r.metric("send errors").value()).isZero();
        assertThat(r.metric("lost").value()).isZero();
    }

    @Test
    void supergroupPostsArriveThroughTheChatsOwnBox() throws Exception {
        Result r =
                new Group(1, 8, 0.5, 20, Duration.ofMillis(300), Duration.ofSeconds(1), 64)
                        .run(run(), driver.groups(org.chapar.protocol.ChatKind.SUPERGROUP));
        assertThat(r.metric("delivered").value()).isPositive();
        assertThat(r.metric("lost").value()).isZero();
    }
}
