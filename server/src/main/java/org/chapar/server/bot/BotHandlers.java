package org.chapar.server.bot;

import static org.chapar.protocol.ClientFrame.RequestCase.CREATE_BOT;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_BOT_COMMANDS;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** CreateBot and GetBotCommands: what a user's client asks about bots. */
public final class BotHandlers {
    private final BotService bots;

    public BotHandlers(BotService bots) {
        this.bots = bots;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                CREATE_BOT,
                (ctx, f) ->
                        bots.create(
                                        ctx.userId(),
                                        f.getCreateBot().getUsername(),
                                        f.getCreateBot().getDisplayName())
                                .thenApply(t -> ServerFrame.newBuilder().setBotToken(t)));
        d.authenticated(
                GET_BOT_COMMANDS,
                (ctx, f) ->
                        bots.commands(f.getGetBotCommands().getBotId())
                                .thenApply(c -> ServerFrame.newBuilder().setBotCommands(c)));
    }
}
