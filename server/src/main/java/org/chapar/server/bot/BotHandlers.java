package org.chapar.server.bot;

import static org.chapar.protocol.ClientFrame.RequestCase.CREATE_BOT;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_BOT_COMMANDS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_MY_BOTS;
import static org.chapar.protocol.ClientFrame.RequestCase.PRESS_BUTTON;
import static org.chapar.protocol.ClientFrame.RequestCase.REGENERATE_BOT_TOKEN;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/**
 * CreateBot, RegenerateBotToken, GetMyBots, GetBotCommands and PressButton: what a user's client
 * asks of bots.
 */
final class BotHandlers {
    private final BotService bots;
    private final BotCallbacks callbacks;

    BotHandlers(BotService bots, BotCallbacks callbacks) {
        this.bots = bots;
        this.callbacks = callbacks;
    }

    void register(Dispatcher d) {
        d.authenticated(
                PRESS_BUTTON,
                (ctx, f) ->
                        callbacks
                                .press(ctx.userId(), f.getPressButton())
                                .thenApply(a -> ServerFrame.newBuilder().setCallbackAnswer(a)));
        d.authenticated(
                CREATE_BOT,
                (ctx, f) ->
                        bots.create(
                                        ctx.userId(),
                                        f.getCreateBot().getUsername(),
                                        f.getCreateBot().getDisplayName())
                                .thenApply(t -> ServerFrame.newBuilder().setBotToken(t)));
        d.authenticated(
                REGENERATE_BOT_TOKEN,
                (ctx, f) ->
                        bots.regenerate(ctx.userId(), f.getRegenerateBotToken().getUsername())
                                .thenApply(t -> ServerFrame.newBuilder().setBotToken(t)));
        d.authenticated(
                GET_MY_BOTS,
                (ctx, f) ->
                        bots.ownedBy(ctx.userId())
                                .thenApply(l -> ServerFrame.newBuilder().setUsers(l)));
        d.authenticated(
                GET_BOT_COMMANDS,
                (ctx, f) ->
                        bots.commands(f.getGetBotCommands().getBotId())
                                .thenApply(c -> ServerFrame.newBuilder().setBotCommands(c)));
    }
}
