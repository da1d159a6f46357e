package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.Peers;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * logOut and close end the bot's instance on the node (docs/adr/0015-bot-api.md): the webhook and
 * the open long polls stop, the queue stays, and close waits out the instance's first ten minutes.
 */
class BotInstanceIT {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static CompletableFuture<BotHttp.Reply> longPoll(TestBot bot) {
        return CompletableFuture.supplyAsync(
                () -> bot.api().call("getUpdates", Map.of("timeout", 40), Encoding.QUERY));
    }

    /**
     * Runs the step until the poll has answered (the poll may not have reached the server when the
     * step first runs), and returns the poll's answer.
     */
    private static BotHttp.Reply endedBy(CompletableFuture<BotHttp.Reply> poll, Runnable step)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            step.run();
            try {
                return poll.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillOpen) {
                // the poll was not open yet when the step ran: run it again
            }
        }
        return poll.get(0, TimeUnit.SECONDS);
    }

    @Test
    void logOutEndsTheLongPollWithLoggedOutAndTheQueueWaitsForTheNextGetUpdates() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "mover");
        CompletableFuture<BotHttp.Reply> poll = longPoll(bot);
        BotHttp.Reply ended =
                endedBy(
                        poll,
                        () -> {
                            BotHttp.Reply out = bot.api().call("logOut", Map.of(), Encoding.FORM);
                            assertThat(out.ok()).as(out.body().toString()).isTrue();
                            assertThat(out.result().asBoolean()).isTrue();
                        });
        assertThat(ended.status()).isEqualTo(400);
        assertThat(ended.body().toString())
                .isEqualTo("{\"ok\":false,\"error_code\":400,\"description\":\"Logged out\"}");

        // nothing was lost: the next getUpdates takes the queue up
        alice.client().sendMessage(Peers.user(bot.user()), "still there?").join();
        BotHttp.Reply next = bot.api().call("getUpdates", Map.of("timeout", 20));
        assertThat(next.result()).hasSize(1);
        assertThat(next.result().get(0).get("message").get("text").asText())
                .isEqualTo("still there?");
    }

    @Test
    void logOutRemovesTheWebhookAndItsPendingUpdatesGoToGetUpdates() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "hooked");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            assertThat(bot.api().call("setWebhook", Map.of("url", receiver.url("/h"))).ok())
                    .isTrue();
            assertThat(bot.api().call("getUpdates").status()).isEqualTo(409);
            assertThat(bot.api().call("logOut", Map.of(), Encoding.JSON).result().asBoolean())
                    .isTrue();
            assertThat(bot.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();
            alice.client().sendMessage(Peers.user(bot.user()), "after logOut").join();
            // taken by getUpdates: the webhook no longer takes (and confirms) anything
            BotHttp.Reply next = bot.api().call("getUpdates", Map.of("timeout", 20));
            assertThat(next.ok()).as(next.body().toString()).isTrue();
            assertThat(next.result().get(0).get("message").get("text").asText())
                    .isEqualTo("after logOut");
        }
    }

    @Test
    void closeIsRefusedForTenMinutesAfterTheLaunchThenEndsTheLongPollWithRestart()
            throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "closer");
        assertThat(bot.api().call("getMe").ok()).isTrue(); // the instance is launched now

        BotHttp.Reply early = bot.api().call("close", Map.of(), Encoding.MULTIPART);
        assertThat(early.status()).isEqualTo(429);
        assertThat(early.description()).isEqualTo("Too Many Requests: retry after 600");
        assertThat(early.body().get("parameters").get("retry_after").asLong()).isEqualTo(600);
        clock.advance(Duration.ofMinutes(4));
        assertThat(bot.api().call("close").description())
                .isEqualTo("Too Many Requests: retry after 360");

        CompletableFuture<BotHttp.Reply> poll = longPoll(bot);
        BotHttp.Reply ended =
                endedBy(
                        poll,
                        () -> {
                            // a close before the poll arrived ended the instance: launch
                            // one and let it age
                            assertThat(bot.api().call("getMe").ok()).isTrue();
                            clock.advance(TEN_MINUTES);
                            BotHttp.Reply closed = bot.api().call("close");
                            assertThat(closed.ok()).as(closed.body().toString()).isTrue();
                        });
        assertThat(ended.status()).isEqualTo(500);
        assertThat(ended.description()).isEqualTo("Internal Server Error: restart");

        // the next request launches a new instance, which close refuses again at first
        assertThat(bot.api().call("close").description())
                .isEqualTo("Too Many Requests: retry after 600");
    }
}
