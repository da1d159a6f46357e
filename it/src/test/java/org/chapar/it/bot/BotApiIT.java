package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparException;
import org.chapar.client.Peers;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.User;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** The Bot API over HTTP: tokens, the four encodings, getUpdates and sendMessage, errors. */
class BotApiIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void getMeAnswersInEveryEncodingAndABadTokenOrUnknownMethodIsRefusedAsTelegramDoes() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "echo");
        assertThat(bot.token()).matches(bot.id() + ":[A-Za-z0-9_-]{35}");
        assertThat(bot.user().getBot()).isTrue();
        for (Encoding e : Encoding.values()) {
            BotHttp.Reply me = bot.api().call("getMe", Map.of("x", "1"), e);
            assertThat(me.status()).as(e.name()).isEqualTo(200);
            assertThat(me.ok()).isTrue();
            assertThat(me.result().get("id").asLong()).isEqualTo(bot.id());
            assertThat(me.result().get("is_bot").asBoolean()).isTrue();
            assertThat(me.result().get("username").asText()).isEqualTo(bot.username());
            assertThat(me.result().get("first_name").asText()).isEqualTo("echo");
        }
        // method names are matched without case, as Telegram does
        assertThat(bot.api().call("GETME").ok()).isTrue();

        BotHttp.Reply unknown = bot.api().call("getNothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().toString())
                .isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");

        String wrongSecret = bot.id() + ":" + "A".repeat(35);
        for (String token :
                List.of(wrongSecret, "nonsense", bot.id() + ":", "0:" + "A".repeat(35))) {
            BotHttp.Reply r = bot.api().withToken(token).call("getMe");
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo(401);
            assertThat(r.description()).isEqualTo("Unauthorized");
        }
        // a bad token is refused before the method is looked up
        assertThat(bot.api().withToken(wrongSecret).call("getNothing").status()).isEqualTo(401);
    }

    @Test
    void aBotUsernameMustEndInBotAndABotCannotBeLoggedIntoWithAPassword() {
        TestUser alice = server.newUser("alice");
        assertThatThrownBy(
                        () ->
                                new BotRequests(alice.client())
                                        .createBot("weather_helper", "")
                                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        ChaparException.class,
                        e -> assertThat(e.getCode()).isEqualTo(ErrorCode.BOT_USERNAME_INVALID));
        TestBot bot = server.newBot(alice, "pw");
        var client = server.client();
        client.connect().join();
        for (String password : List.of("", "!bot", "password")) {
            assertThatThrownBy(() -> client.login(bot.username(), password, "x").join())
                    .cause()
                    .isInstanceOfSatisfying(
                            ChaparException.class,
                            e -> assertThat(e.getCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        }
    }

    @Test
    void aUsersMessageArrivesOnceByGetUpdatesAndTheBotsReplyReachesTheUserMarkedAsABots() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "echo");
        alice.client().sendMessage(Peers.user(bot.user()), "/start").join();
        alice.client().sendMessage(Peers.user(bot.user()), "hello bot").join();

        BotHttp.Reply first = bot.api().call("getUpdates", Map.of());
        assertThat(first.ok()).isTrue();
        JsonNode updates = first.result();
        assertThat(updates).hasSize(2);
        JsonNode msg = updates.get(1).get("message");
        assertThat(msg.get("text").asText()).isEqualTo("hello bot");
        assertThat(msg.get("from").get("id").asLong()).isEqualTo(alice.id());
        assertThat(msg.get("from").get("is_bot").asBoolean()).isFalse();
        assertThat(msg.get("chat").get("id").asLong()).isEqualTo(alice.id());
        assertThat(msg.get("chat").get("type").asText()).isEqualTo("private");
        long lastId = updates.get(1).get("update_id").asLong();
        assertThat(updates.get(0).get("update_id").asLong()).isLessThan(lastId);

        // not confirmed yet: the same updates again; confirmed by offset: never again
        assertThat(bot.api().call("getUpdates").result()).isEqualTo(updates);
        assertThat(bot.api().call("getUpdates", Map.of("offset", lastId + 1)).result()).isEmpty();
        assertThat(bot.api().call("getUpdates").result()).isEmpty();

        BotHttp.Reply sent =
                bot.api()
                        .call(
                                "sendMessage",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "text", "hi alice",
                                        "reply_parameters",
                                                Map.of(
                                                        "message_id",
                                                        msg.get("message_id").asLong())),
                                Encoding.FORM);
        assertThat(sent.ok()).as(sent.body().toString()).isTrue();
        assertThat(sent.result().get("from").get("id").asLong()).isEqualTo(bot.id());
        assertThat(sent.result().get("from").get("is_bot").asBoolean()).isTrue();
        assertThat(sent.result().get("reply_to_message").get("message_id").asLong())
                .isEqualTo(msg.get("message_id").asLong());
        // the message replied to is given whole, as the bot got it, and not nested further
        var replied = sent.result().get("reply_to_message");
        assertThat(replied.get("text").asText()).isEqualTo(msg.get("text").asText());
        assertThat(replied.get("from").get("id").asLong()).isEqualTo(alice.id());
        assertThat(replied.get("date").asLong()).isEqualTo(msg.get("date").asLong());
        assertThat(replied.get("chat").get("id").asLong()).isEqualTo(alice.id());
        assertThat(replied.has("reply_to_message")).isFalse();

        Message got = alice.updates().awaitOne(newMessage("hi alice")).getNewMessage().getMessage();
        assertThat(got.getFromId()).isEqualTo(bot.id());
        assertThat(got.getReplyToId()).isEqualTo(msg.get("message_id").asLong());
        User shown = alice.client().getUsers(List.of(bot.id())).join().get(0);
        assertThat(shown.getBot()).isTrue();
        // the bot's own message is not an update of the bot
        assertThat(bot.api().call("getUpdates").result()).isEmpty();
    }

    @Test
    void longPollingAnswersAsSoonAsAMessageArrives() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "poll");
        CompletableFuture<BotHttp.Reply> poll =
                CompletableFuture.supplyAsync(
                        () -> bot.api().call("getUpdates", Map.of("timeout", 30)));
        Thread.sleep(300); // let the poll start waiting (a poll after the send also passes)
        alice.client().sendMessage(Peers.user(bot.user()), "wake up").join();
        BotHttp.Reply r = poll.get(20, TimeUnit.SECONDS);
        assertThat(r.result()).hasSize(1);
        assertThat(r.result().get(0).get("message").get("text").asText()).isEqualTo("wake up");
    }

    @Test
    void aBotCannotStartAChatAndAnUnknownChatIsNotFound() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestBot bot = server.newBot(alice, "shy");
        BotHttp.Reply r = bot.api().call("sendMessage", Map.of("chat_id", bob.id(), "text", "hi"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.description())
                .isEqualTo("Forbidden: bot can't initiate conversation with a user");

        bob.client().sendMessage(Peers.user(bot.user()), "/start").join();
        assertThat(bot.api().call("sendMessage", Map.of("chat_id", bob.id(), "text", "hi")).ok())
                .isTrue();

        for (Object chat : List.of(-123456789L, -1000000999999L, "@no_such_chat_here", 0)) {
            BotHttp.Reply nf = bot.api().call("sendMessage", Map.of("chat_id", chat, "text", "x"));
            assertThat(nf.status()).as(String.valueOf(chat)).isEqualTo(400);
            assertThat(nf.description()).isEqualTo("Bad Request: chat not found");
        }
        BotHttp.Reply empty = bot.api().call("sendMessage", Map.of("chat_id", bob.id()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.description()).isEqualTo("Bad Request: text is empty");
    }

    @Test
    void sendingFasterThanTelegramsPerChatLimitIsAnsweredTooManyRequestsWithRetryAfter() {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "fast");
        alice.client().sendMessage(Peers.user(bot.user()), "/start").join();
        BotHttp.Reply last = null;
        for (int i = 0; i < 10; i++) {
            last = bot.api().call("sendMessage", Map.of("chat_id", alice.id(), "text", "n" + i));
            if (!last.ok()) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.description()).startsWith("Too Many Requests: retry after ");
        long retry = last.body().get("parameters").get("retry_after").asLong();
        assertThat(retry).isPositive();
        assertThat(last.description()).isEqualTo("Too Many Requests: retry after " + retry);
    }
}
