package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.BotRequests;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.BotCommand;
import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Update;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Telegram bot libraries from npm, unchanged (it/bots/package-lock.json pins them), run by Node
 * against a real server with only their API root changed: each receives a user's message by long
 * polling with the library's own loop, or by webhook (a /start command first), answers with an
 * inline keyboard, handles the press the user makes through the SDK, edits its message and posts to
 * a channel where it is an admin. What the user and a subscriber of the channel see is checked
 * here; the bot programs are it/bots/*-bot.mjs.
 */
class BotLibrariesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final AdminRights POSTER =
            AdminRights.newBuilder().setPostMessages(true).build();

    @BeforeAll
    static void installLibraries() throws Exception {
        NodeBot.install();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"grammy-bot.mjs, grammY", "telegraf-bot.mjs, Telegraf"})
    void aLibraryBotAnswersWithButtonsHandlesAPressAndPostsToItsChannel(String script, String lib)
            throws Exception {
        Scene scene = Scene.create(lib);
        try (NodeBot node = scene.start(script)) {
            assertThat(node.awaitLine("\"step\":\"ready\"", STEP)).contains(scene.bot.username());
            scene.photo(node);
            scene.converse(node);
        }
    }

    /**
     * The Telegraf bot by webhook: its own webhookCallback refuses a POST without the secret, and
     * the server's POSTs, which carry it, drive the same photo and conversation; deleteWebhook ends
     * it.
     */
    @Test
    void aTelegrafBotServedByWebhookDoesTheSameAndChecksTheSecret() throws Exception {
        Scene scene = Scene.create("Telegraf");
        try (NodeBot node = scene.start("telegraf-webhook-bot.mjs")) {
            String ready = node.awaitLine("\"step\":\"ready\"", STEP);
            URI url = URI.create(BotHttp.JSON.readTree(ready).get("url").asText());
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            JsonNode info = scene.bot.api().call("getWebhookInfo").result();
            assertThat(info.get("url").asText()).isEqualTo(url.toString());

            String forged =
                    "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0,"
                            + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"forged\"}}";
            assertThat(post(url, forged, null)).isEqualTo(403);
            assertThat(post(url, forged, "not-the-secret")).isEqualTo(403);

            scene.photo(node);
            scene.converse(node);
            node.awaitLine("\"step\":\"deleted\"", STEP);
            assertThat(node.output()).doesNotContain("forged");
        }
        assertThat(scene.bot.api().call("getWebhookInfo").result().get("url").asText()).isEmpty();
    }

    /** POSTs {@code json} to a webhook as the server would, with {@code secret} unless null. */
    private static int post(URI url, String json, String secret) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(STEP)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** A user, a subscriber and the user's bot, an admin that may post in the user's channel. */
    private record Scene(String lib, TestUser alice, TestUser reader, TestBot bot, long channel) {
        static Scene create(String lib) {
            TestUser alice = server.newUser("alice");
            TestUser reader = server.newUser("reader");
            TestBot bot = server.newBot(alice, lib);
            ChatRequests chats = new ChatRequests(alice.client());
            long channel =
                    chats.createChat(ChatKind.CHANNEL, lib + " news", "", List.of())
                            .join()
                            .getChat()
                            .getId();
            chats.addMembers(channel, List.of(bot.user(), reader.user())).join();
            chats.editAdmin(channel, bot.id(), POSTER).join();
            new ChatRequests(reader.client()).getChat(channel).join();
            return new Scene(lib, alice, reader, bot, channel);
        }

        /** Runs {@code node script API_ROOT TOKEN CHANNEL_ID} with the channel's Bot API id. */
        NodeBot start(String script) throws Exception {
            long apiChannel = -1_000_000_000_000L - channel;
            return NodeBot.start(
                    script, server.httpUri("").toString(), bot.token(), Long.toString(apiChannel));
        }

        /**
         * The library uploads a photo from a buffer (grammY's InputFile, Telegraf's {@code
         * source}); the user gets it as a photo, cleaned and measured by the server.
         */
        void photo(NodeBot node) throws Exception {
            alice.client().sendMessage(Peers.user(bot.user()), "photo please").join();
            Message photo =
                    alice.updates()
                            .await(
                                    u ->
                                            u.hasNewMessage()
                                                    && u.getNewMessage()
                                                                    .getMessage()
                                                                    .getMedia()
                                                                    .getKind()
                                                            == MediaKind.PHOTO,
                                    1,
                                    STEP)
                            .get(0)
                            .getNewMessage()
                            .getMessage();
            assertThat(photo.getFromId()).isEqualTo(bot.id());
            assertThat(photo.getText()).isEqualTo(lib + " photo");
            assertThat(photo.getMedia().getWidth()).isEqualTo(64);
            assertThat(photo.getMedia().getHeight()).isEqualTo(48);
            var bytes = new java.io.ByteArrayOutputStream();
            alice.client().media().download(photo.getMedia().getFile().getId(), 0, bytes, null);
            var image =
                    javax.imageio.ImageIO.read(
                            new java.io.ByteArrayInputStream(bytes.toByteArray()));
            assertThat(image.getWidth()).isEqualTo(64);
            // the library read the answer's PhotoSize array: the one size of a 64 px photo
            assertThat(node.awaitLine("\"step\":\"photo\"", STEP))
                    .containsPattern("\"sizes\":\"(64x48,)*64x48\"");
        }

        /**
         * Once the bot is ready: /start, a message answered with buttons, a press answered, the
         * message edited and a post in the channel, then the program's clean exit.
         */
        void converse(NodeBot node) throws Exception {
            assertThat(
                            new BotRequests(alice.client())
                                    .getBotCommands(bot.id())
                                    .join()
                                    .getCommandsList())
                    .extracting(BotCommand::getCommand, BotCommand::getDescription)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("start", "Say hello"));

            // the libraries route /start by its bot_command entity
            alice.client().sendMessage(Peers.user(bot.user()), "/start").join();
            alice.updates().await(UpdateRecorder.newMessage(lib + " welcomes alice"), 1, STEP);

            alice.client().sendMessage(Peers.user(bot.user()), "hello " + lib).join();
            Message reply =
                    alice.updates()
                            .await(UpdateRecorder.newMessage(lib + " heard: hello " + lib), 1, STEP)
                            .get(0)
                            .getNewMessage()
                            .getMessage();
            assertThat(reply.getFromId()).isEqualTo(bot.id());
            assertThat(reply.getReplyMarkup().getBotId()).isEqualTo(bot.id());
            assertThat(reply.getReplyMarkup().getInlineRowsList()).hasSize(1);
            assertThat(reply.getReplyMarkup().getInlineRows(0).getButtonsList())
                    .extracting(KeyboardButton::getText, KeyboardButton::getCallbackData)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Publish", "publish"),
                            org.assertj.core.groups.Tuple.tuple("Skip", "skip"));
            assertThat(node.awaitLine("\"step\":\"replied\"", STEP))
                    .contains("\"chat\":" + alice.id());

            CallbackAnswer answer =
                    new BotRequests(alice.client())
                            .pressButton(Peers.user(bot.user()), reply.getId(), "publish")
                            .get(STEP.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.getAnswered()).isTrue();
            assertThat(answer.getText()).isEqualTo("Publishing");

            Message edited =
                    alice.updates()
                            .await(
                                    u ->
                                            u.hasEditedMessage()
                                                    && u.getEditedMessage().getMessage().getId()
                                                            == reply.getId(),
                                    1,
                                    STEP)
                            .get(0)
                            .getEditedMessage()
                            .getMessage();
            assertThat(edited.getText()).isEqualTo(lib + " published it");
            // editMessageText without reply_markup takes the buttons away, as on Telegram
            assertThat(edited.getReplyMarkup().getInlineRowsList()).isEmpty();

            Update posted =
                    reader.updates()
                            .await(UpdateRecorder.newMessage(lib + " posts for alice"), 1, STEP)
                            .get(0);
            Message post = posted.getNewMessage().getMessage();
            assertThat(post.getPeer().getChatId()).isEqualTo(channel);
            assertThat(post.getPost()).isTrue();
            assertThat(post.getFromId()).isZero();
            assertThat(node.awaitLine("\"step\":\"posted\"", STEP))
                    .contains("\"message_id\":" + post.getId());
            node.awaitExit(STEP);
        }
    }

    /** The grammY bot of the README's "Write a bot", run as printed there but for the port. */
    @Test
    void theReadmeBotAnswersAndItsButtonIsAnswered(@TempDir Path dir) throws Exception {
        String readme = Files.readString(NodeBot.DIR.resolve("../../README.md"));
        int section = readme.indexOf("## Write a bot");
        assertThat(section).as("README has a Write a bot section").isPositive();
        int from = readme.indexOf("```js\n", section) + "```js\n".length();
        String code = readme.substring(from, readme.indexOf("\n```", from));
        assertThat(code).contains("http://127.0.0.1:8080");
        Files.writeString(
                dir.resolve("echo-bot.mjs"),
                code.replace("http://127.0.0.1:8080", server.httpUri("").toString()));
        Path modules =
                Files.createSymbolicLink(
                        dir.resolve("node_modules"),
                        NodeBot.DIR.resolve("node_modules").toAbsolutePath());
        TestUser bob = server.newUser("bob");
        TestBot bot = server.newBot(bob, "weather");

        try (NodeBot node = NodeBot.start(dir, Map.of("BOT_TOKEN", bot.token()), "echo-bot.mjs")) {
            bob.client().sendMessage(Peers.user(bot.user()), "hello").join();
            Message reply =
                    bob.updates()
                            .await(UpdateRecorder.newMessage("You said: hello"), 1, STEP)
                            .get(0)
                            .getNewMessage()
                            .getMessage();
            assertThat(reply.getReplyMarkup().getInlineRows(0).getButtons(0).getCallbackData())
                    .isEqualTo("thanks");
            CallbackAnswer answer =
                    new BotRequests(bob.client())
                            .pressButton(Peers.user(bot.user()), reply.getId(), "thanks")
                            .get(STEP.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.getAnswered()).as(node.output()).isTrue();
            assertThat(answer.getText()).isEqualTo("You're welcome");
        } finally {
            Files.delete(modules); // the link, not the shared node_modules it points to
        }
    }
}
