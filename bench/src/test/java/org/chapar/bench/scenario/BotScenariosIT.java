package org.chapar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.report.Result;
import org.chapar.protocol.ChatKind;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The bot scenarios against a real server at a small scale, a few seconds each. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BotScenariosIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withRateLimits(RateLimits.unlimited()));

    private static ScenarioBench bench;

    @BeforeAll
    static void generator() {
        bench = new ScenarioBench(server.port());
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    @Test
    void aBotTakesEveryUserMessageByLongPollingOnceEach() throws Exception {
        assertEverythingArrived(run(BotUpdates.Via.POLL));
    }

    @Test
    void aBotTakesEveryUserMessageByWebhookOnceEach() throws Exception {
        Result r = run(BotUpdates.Via.WEBHOOK);
        assertEverythingArrived(r);
        assertThat(r.metric("webhook requests refused").value()).isZero();
    }

    @Test
    void aBotAdminsPostsReachEverySubscriberBesideTheOwners() throws Exception {
        Result r =
                new Channel(
                                10,
                                2,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(10),
                                4,
                                Optional.of(bench.origin()))
                        .run(bench.run("bc"), bench.driver.groups(ChatKind.CHANNEL));
        assertThat(r.metric("join errors").value()).isZero();
        assertThat(r.metric("subscribers reached (worst post)").value()).isEqualTo(10);
        assertThat(r.metric("lost").value()).isZero();
        assertThat(r.metric("time until last subscriber (median)").value()).isPositive();
        assertThat(r.metric("bot: time until last subscriber (median)").value()).isPositive();
        assertThat(r.metric("bot: send answered (median)").value()).isPositive();
    }

    private static Result run(BotUpdates.Via via) throws Exception {
        return new BotUpdates(6, 60, via, Duration.ofMillis(500), Duration.ofSeconds(2), 64)
                .run(bench.run("bu"), bench.origin());
    }

    private static void assertEverythingArrived(Result r) {
        // 60 messages/s for 2 s
        assertThat(r.metric("delivered to the bot").value()).isBetween(40.0, 80.0);
        assertThat(r.metric("latency p50").value()).isPositive();
        assertThat(r.metric("send errors").value()).isZero();
        assertThat(r.metric("undelivered after drain").value()).isZero();
        assertThat(r.metric("duplicated").value()).isZero();
        assertThat(r.metric("foreign updates").value()).isZero();
        assertThat(r.intervals()).hasSize(2);
    }
}
