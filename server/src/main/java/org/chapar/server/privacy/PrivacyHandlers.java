package org.chapar.server.privacy;

import static org.chapar.protocol.ClientFrame.RequestCase.GET_PRIVACY;
import static org.chapar.protocol.ClientFrame.RequestCase.SET_PRIVACY;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** GetPrivacy, SetPrivacy. */
public final class PrivacyHandlers {
    private final PrivacyService privacy;

    public PrivacyHandlers(PrivacyService privacy) {
        this.privacy = privacy;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                GET_PRIVACY,
                (ctx, f) ->
                        privacy.get(ctx.userId())
                                .thenApply(p -> ServerFrame.newBuilder().setPrivacy(p)));
        d.authenticated(
                SET_PRIVACY,
                (ctx, f) ->
                        privacy.set(ctx.userId(), f.getSetPrivacy())
                                .thenApply(p -> ServerFrame.newBuilder().setPrivacy(p)));
    }
}
