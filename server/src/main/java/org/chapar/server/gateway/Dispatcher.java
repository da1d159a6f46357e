package org.chapar.server.gateway;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ServerFrame;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes each request kind to the feature handler that owns it. Features register their handlers at
 * wiring time; the gateway only decodes, authenticates, dispatches and encodes.
 */
public final class Dispatcher {

    /** Answers one request with a ServerFrame body (the gateway sets the id). */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<ServerFrame.Builder> handle(RequestContext ctx, ClientFrame frame);
    }

    record Route(Handler handler, boolean needsAuth) {}

    private final Map<ClientFrame.RequestCase, Route> routes =
            new EnumMap<>(ClientFrame.RequestCase.class);
    private final Map<ClientFrame.RequestCase, LongAdder> counts =
            new EnumMap<>(ClientFrame.RequestCase.class);

    /** A request allowed before login (hello, register, login, authenticate, ping). */
    public void open(ClientFrame.RequestCase kind, Handler handler) {
        put(kind, new Route(handler, false));
    }

    /** A request that needs a logged-in connection. */
    public void authenticated(ClientFrame.RequestCase kind, Handler handler) {
        put(kind, new Route(handler, true));
    }

    private void put(ClientFrame.RequestCase kind, Route route) {
        if (routes.putIfAbsent(kind, route) != null) {
            throw new IllegalStateException("two handlers for " + kind);
        }
        counts.put(kind, new LongAdder());
    }

    Route route(ClientFrame.RequestCase kind) {
        LongAdder n = counts.get(kind);
        if (n != null) {
            n.increment();
        }
        return routes.get(kind);
    }

    /** The request kinds that have a handler. */
    public Set<ClientFrame.RequestCase> kinds() {
        return counts.keySet();
    }

    /** Requests of the kind received so far (for /metrics). */
    public long received(ClientFrame.RequestCase kind) {
        LongAdder n = counts.get(kind);
        return n == null ? 0 : n.sum();
    }
}
