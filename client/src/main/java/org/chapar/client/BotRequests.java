package org.chapar.client;

import org.chapar.protocol.BotCommandList;
import org.chapar.protocol.BotToken;
import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateBot;
import org.chapar.protocol.GetBotCommands;
import org.chapar.protocol.GetMyBots;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PressButton;
import org.chapar.protocol.RegenerateBotToken;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.User;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Bot requests over a connected client: create a bot (its Bot API token is shown once), give it a
 * new token, list one's bots, read the commands a bot offers (to suggest after "/") and press a
 * bot's inline button.
 *
 * <pre>{@code
 * BotToken t = new BotRequests(client).createBot("weather_bot", "Weather").join();
 * // the bot's program uses https://host/bot<t.getToken()>/getUpdates
 * }</pre>
 */
public final class BotRequests {
    private final ChaparClient client;

    public BotRequests(ChaparClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /** A new bot owned by the caller; the username must end in "bot". */
    public CompletableFuture<BotToken> createBot(String username, String displayName) {
        return client.calls()
                .typed(
                        ClientFrame.newBuilder()
                                .setCreateBot(
                                        CreateBot.newBuilder()
                                                .setUsername(username)
                                                .setDisplayName(LinkCalls.nz(displayName))),
                        ServerFrame.BodyCase.BOT_TOKEN,
                        ServerFrame::getBotToken);
    }

    /** A new token for the caller's bot (shown once); its old token stops working at once. */
    public CompletableFuture<BotToken> regenerateToken(String username) {
        return client.calls()
                .typed(
                        ClientFrame.newBuilder()
                                .setRegenerateBotToken(
                                        RegenerateBotToken.newBuilder().setUsername(username)),
                        ServerFrame.BodyCase.BOT_TOKEN,
                        ServerFrame::getBotToken);
    }

    /** The caller's bots, oldest first. */
    public CompletableFuture<List<User>> myBots() {
        return client.calls()
                .typed(
                        ClientFrame.newBuilder().setGetMyBots(GetMyBots.getDefaultInstance()),
                        ServerFrame.BodyCase.USERS,
                        f -> f.getUsers().getUsersList());
    }

    /** The bot's commands and description. */
    public CompletableFuture<BotCommandList> getBotCommands(long botId) {
        return client.calls()
                .typed(
                        ClientFrame.newBuilder()
                                .setGetBotCommands(GetBotCommands.newBuilder().setBotId(botId)),
                        ServerFrame.BodyCase.BOT_COMMANDS,
                        ServerFrame::getBotCommands);
    }

    /**
     * Presses an inline button (its callback_data) under a bot's message; answers what the bot said
     * with answerCallbackQuery, or an answer with answered false if it said nothing in time.
     */
    public CompletableFuture<CallbackAnswer> pressButton(Peer peer, long messageId, String data) {
        return client.calls()
                .typed(
                        ClientFrame.newBuilder()
                                .setPressButton(
                                        PressButton.newBuilder()
                                                .setPeer(peer)
                                                .setMessageId(messageId)
                                                .setData(data)),
                        ServerFrame.BodyCase.CALLBACK_ANSWER,
                        ServerFrame::getCallbackAnswer);
    }
}
