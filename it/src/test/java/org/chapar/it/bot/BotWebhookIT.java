package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.server.ChaparServer;
import org.chapar.server.bot.WebhookRules;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.WebhookReceiver;
import org.chapar.testkit.WebhookReceiver.Hit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Webhooks as Telegram serves them (docs/adr/0021-bot-webhooks.md): a real receiver on loopback
 * gets each update POSTed once, in order, retried with backoff while it fails.
 */
class BotWebhookIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFLICT =
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
                    + " delete the webhook first";

    /** Test configuration: webhooks may point at loopback. */
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** The operator's defaults: nothing inside its own network. */
    @RegisterExtension
    static final ChaparServerExtension strict =
            ChaparServerExtension.create(c -> c.withWebhooks(WebhookRules.defaults()));

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private static String text(Hit h) {
        return h.update().path("message").path("text").asText();
    }

    private static void say(TestUser user, TestBot bot, String text) {
        user.client().sendMessage(Peers.user(bot.user()), text).join();
    }

    /** getWebhookInfo once nothing is pending, within {@link #WAIT}. */
    private static JsonNode infoOnceConfirmed(TestBot bot) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode info = bot.api().call("getWebhookInfo").result();
        while (info.get("pending_update_count").asInt() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            info = bot.api().call("getWebhookInfo").result();
        }
        return info;
    }

    @Test
    void aUsersMessageIsPostedToTheWebhookWithItsSecretAndGetUpdatesWaitsForDeleteWebhook() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "hook");
        BotHttp.Reply set =
                bot.api()
                        .call(
                                "setWebhook",
                                Map.of("url", receiver.url("/hook"), "secret_token", "s3cr_t-T0k"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.result().asBoolean()).isTrue();
        JsonNode info = bot.api().call("getWebhookInfo").result();
        assertThat(info.get("url").asText()).isEqualTo(receiver.url("/hook"));
        assertThat(info.get("has_custom_certificate").asBoolean()).isFalse();
        assertThat(info.get("pending_update_count").asInt()).isZero();
        assertThat(info.get("max_connections").asInt()).isEqualTo(40);
        assertThat(info.has("last_error_date")).isFalse();

        say(alice, bot, "hello hook");
        Hit hit = receiver.next(WAIT);
        assertThat(text(hit)).isEqualTo("hello hook");
        assertThat(hit.secret()).contains("s3cr_t-T0k");
        assertThat(hit.contentType()).startsWith("application/json");
        assertThat(hit.update().get("update_id").asLong()).isPositive();
        assertThat(hit.update().path("message").path("from").path("id").asLong())
                .isEqualTo(alice.id());

        BotHttp.Reply refused = bot.api().call("getUpdates");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.description()).isEqualTo(CONFLICT);

        assertThat(bot.api().call("deleteWebhook").result().asBoolean()).isTrue();
        assertThat(bot.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();
        say(alice, bot, "after the webhook");
        JsonNode updates = bot.api().call("getUpdates", Map.of("timeout", 10)).result();
        // the update the webhook acknowledged is gone, as a confirmed offset is
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).path("message").path("text").asText())
                .isEqualTo("after the webhook");
    }

    @Test
    void aFailingReceiverGetsEachUpdateOnceInOrderAfterRetriesAndTheErrorIsShownMeanwhile() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "retry");
        receiver.failNext(500, 503);
        assertThat(
                        bot.api()
                                .call(
                                        "setWebhook",
                                        Map.of(
                                                "url",
                                                receiver.url("/retry"),
                                                "max_connections",
                                                5,
                                                "allowed_updates",
                                                List.of("message")))
                                .ok())
                .isTrue();
        say(alice, bot, "one");
        say(alice, bot, "two");

        Hit first = receiver.next(WAIT);
        assertThat(text(first)).isEqualTo("one");
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.secret()).isEmpty();
        Hit second = receiver.next(WAIT);
        assertThat(text(second)).isEqualTo("one");
        assertThat(second.status()).isEqualTo(503);

        // between the second failure and the retry (2 s later): the error and the queue are seen
        JsonNode info = bot.api().call("getWebhookInfo").result();
        assertThat(info.get("last_error_message").asText())
                .isIn(
                        "Wrong response from the webhook: 500 Internal Server Error",
                        "Wrong response from the webhook: 503 Service Unavailable");
        assertThat(info.get("last_error_date").asLong()).isPositive();
        assertThat(info.get("pending_update_count").asInt()).isEqualTo(2);
        assertThat(info.get("max_connections").asInt()).isEqualTo(5);
        assertThat(info.get("allowed_updates")).hasSize(1);
        assertThat(info.get("allowed_updates").get(0).asText()).isEqualTo("message");

        say(alice, bot, "three");
        List<String> delivered = new ArrayList<>();
        while (delivered.size() < 3) {
            Hit h = receiver.next(WAIT);
            assertThat(h.acknowledged()).as(text(h)).isTrue();
            delivered.add(text(h));
        }
        // "three" is the sentinel: nothing was posted twice before it
        assertThat(delivered).containsExactly("one", "two", "three");
        // the receiver records a request before it answers: the confirm follows the answer
        JsonNode after = infoOnceConfirmed(bot);
        assertThat(after.get("pending_update_count").asInt()).isZero();
        // Telegram keeps the last error after the webhook recovered
        assertThat(after.get("last_error_message").asText()).startsWith("Wrong response");
    }

    /** Telegraf answers its first call through the webhook's response by default. */
    @Test
    void aMethodCallInTheReceiversAnswerIsRunAsTheBot() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "replier");
        assertThat(bot.api().call("setWebhook", Map.of("url", receiver.url("/r"))).ok()).isTrue();
        receiver.answerNext(
                "{\"method\":\"sendMessage\",\"chat_id\":"
                        + alice.id()
                        + ",\"text\":\"answered in the webhook reply\"}");
        say(alice, bot, "ping");
        assertThat(text(receiver.next(WAIT))).isEqualTo("ping");
        alice.updates().awaitOne(newMessage("answered in the webhook reply"));
    }

    @Test
    void badUrlsAndSecretsAreRefusedWithTelegramsDescriptionsAndNothingIsSet() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "bad");
        Map<Map<String, Object>, String> refusals =
                Map.of(
                        Map.of("url", "ftp://example.org/hook"),
                        "Bad Request: invalid webhook URL specified",
                        Map.of("url", "not a url"),
                        "Bad Request: invalid webhook URL specified",
                        Map.of("url", receiver.url("/x"), "secret_token", "has space"),
                        "Bad Request: secret token contains unallowed characters",
                        Map.of("url", receiver.url("/x"), "secret_token", "a".repeat(257)),
                        "Bad Request: secret token is too long",
                        Map.of("url", receiver.url("/x"), "allowed_updates", List.of("gossip")),
                        "Bad Request: unknown update type gossip");
        refusals.forEach(
                (params, description) -> {
                    BotHttp.Reply r = bot.api().call("setWebhook", params);
                    assertThat(r.status()).as(params.toString()).isEqualTo(400);
                    assertThat(r.description()).as(params.toString()).isEqualTo(description);
                });
        assertThat(bot.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();
        // nothing set: getUpdates still serves the bot
        assertThat(bot.api().call("getUpdates").ok()).isTrue();
    }

    @Test
    void byDefaultTheOperatorsOwnNetworkIsRefusedAndAnEmptyUrlDeletes() {
        TestUser alice = strict.newUser("alice");
        TestBot bot = strict.newBot(alice, "strict");
        BotHttp.Reply r = bot.api().call("setWebhook", Map.of("url", receiver.url("/x")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.description())
                .isEqualTo("Bad Request: bad webhook: IP address 127.0.0.1 is reserved");
        assertThat(bot.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();

        TestBot allowed = server.newBot(server.newUser("bob"), "allowed");
        assertThat(allowed.api().call("setWebhook", Map.of("url", receiver.url("/y"))).ok())
                .isTrue();
        assertThat(allowed.api().call("setWebhook", Map.of("url", "")).result().asBoolean())
                .isTrue();
        assertThat(allowed.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();
        assertThat(allowed.api().call("getUpdates").ok()).isTrue();
    }

    /**
     * Two nodes on one store and bus: the node that took setWebhook delivers what arrives on the
     * other, and a setWebhook on the other moves the one sender there without a second delivery.
     */
    @Test
    void theNodeHoldingTheWebhookDeliversWhatArrivesAnywhereAndSetWebhookMovesIt() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "cluster");
        ChaparServer peer = server.startPeer();
        BotHttp onPeer =
                new BotHttp(URI.create("http://127.0.0.1:" + peer.port() + "/"), bot.token());
        assertThat(onPeer.call("setWebhook", Map.of("url", receiver.url("/peer"))).ok()).isTrue();
        say(alice, bot, "to the peer's sender");
        Hit first = receiver.next(WAIT);
        assertThat(text(first)).isEqualTo("to the peer's sender");
        assertThat(first.acknowledged()).isTrue();

        assertThat(bot.api().call("setWebhook", Map.of("url", receiver.url("/main"))).ok())
                .isTrue();
        say(alice, bot, "after the move");
        say(alice, bot, "sentinel");
        List<String> delivered = new ArrayList<>();
        while (delivered.size() < 2) {
            delivered.add(text(receiver.next(WAIT)));
        }
        assertThat(delivered).containsExactly("after the move", "sentinel");
        assertThat(onPeer.call("getWebhookInfo").result().get("url").asText())
                .isEqualTo(receiver.url("/main"));
    }

    @Test
    void aWebhookOutlivesARestartAndDeliversWhatArrivesAfterIt() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "durable");
        assertThat(
                        bot.api()
                                .call(
                                        "setWebhook",
                                        Map.of("url", receiver.url("/d"), "secret_token", "keep"))
                                .ok())
                .isTrue();
        say(alice, bot, "before");
        assertThat(text(receiver.next(WAIT))).isEqualTo("before");

        server.restart();
        JsonNode info = bot.api().call("getWebhookInfo").result();
        assertThat(info.get("url").asText()).isEqualTo(receiver.url("/d"));
        assertThat(bot.api().call("getUpdates").status()).isEqualTo(409);

        TestUser bob = server.newUser("bob");
        say(bob, bot, "after");
        Hit hit = receiver.next(WAIT);
        assertThat(text(hit)).isEqualTo("after");
        assertThat(hit.secret()).contains("keep");
    }
}
