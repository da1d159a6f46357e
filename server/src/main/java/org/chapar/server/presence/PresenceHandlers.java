package org.chapar.server.presence;

import static org.chapar.protocol.ClientFrame.RequestCase.SET_TYPING;

import org.chapar.protocol.Ok;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** SetTyping. */
public final class PresenceHandlers {
    private final PresenceService presence;

    public PresenceHandlers(PresenceService presence) {
        this.presence = presence;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                SET_TYPING,
                (ctx, f) ->
                        presence.typing(
                                        ctx.userId(),
                                        f.getSetTyping().getPeer(),
                                        f.getSetTyping().getAction())
                                .thenApply(
                                        x ->
                                                ServerFrame.newBuilder()
                                                        .setOk(Ok.getDefaultInstance())));
    }
}
