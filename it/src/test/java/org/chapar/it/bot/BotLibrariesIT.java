package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.BotRequests;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.BotCommand;
import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.Message;
import org.chapar.protocol.Update;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Telegram bot libraries from npm, unchanged (it/bots/package-lock.json pins them), run by Node
 * against a real server with only their API root changed: each receives a user's message by long
 * polling (a /start command first), answers with an inline keyboard, handles the press the user
 * makes through the SDK, edits its message and posts to a channel where it is an admin. What the
 * user and a subscriber of the channel see is checked here; the bot programs are it/bots/*-bot.mjs.
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
        long apiChannel = -1_000_000_000_000L - channel;

        try (NodeBot node =
                NodeBot.start(
                        script,
                        server.httpUri("").toString(),
                        bot.token(),
                        Long.toString(apiChannel))) {
            assertThat(node.awaitLine("\"step\":\"ready\"", STEP)).contains(bot.username());

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
