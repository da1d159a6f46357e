package org.chapar.server.sync;

import static org.chapar.protocol.ClientFrame.RequestCase.GET_DIFFERENCE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_STATE;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** GetState and GetDifference. */
public final class SyncHandlers {
    private final SyncService sync;

    public SyncHandlers(SyncService sync) {
        this.sync = sync;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                GET_STATE,
                (ctx, f) ->
                        sync.state(ctx.userId())
                                .thenApply(s -> ServerFrame.newBuilder().setState(s)));
        d.authenticated(
                GET_DIFFERENCE,
                (ctx, f) -> {
                    var r = f.getGetDifference();
                    return sync.difference(ctx.userId(), r.getPts(), r.getLimit())
                            .thenApply(diff -> ServerFrame.newBuilder().setDifference(diff));
                });
    }
}
