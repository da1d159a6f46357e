package org.chapar.client;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Hello;
import org.chapar.protocol.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The start of every connection and every change of identity: Hello (which tells the server's
 * limits), re-authentication with the stored session, and after any authorization the catch-up that
 * makes the link ready. Runs on the link thread.
 */
final class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    /** What the handshake tells the link. */
    interface Link {
        /** The connection may carry every request now. */
        void ready();

        void report(ConnectionState s);

        /** The first connect() is over: {@code failure} null if it succeeded. */
        void connected(Throwable failure);

        /**
         * The connection is up but the server could not take it into service (it is starting,
         * shutting down or overloaded): drop it and connect again after the backoff.
         */
        void reconnect(Throwable why);
    }

    private final RequestQueue queue;
    private final LinkState state;
    private final SyncDriver sync;
    private final UpdateDelivery delivery;
    private final String clientName;
    private final Link link;

    Handshake(
            RequestQueue queue,
            LinkState state,
            SyncDriver sync,
            UpdateDelivery delivery,
            String clientName,
            Link link) {
        this.queue = queue;
        this.state = state;
        this.sync = sync;
        this.delivery = delivery;
        this.clientName = clientName;
        this.link = link;
    }

    /** A connection just opened (the queue lets pre-auth requests through). */
    void start() {
        queue.internal(
                ClientFrame.newBuilder()
                        .setHello(Hello.newBuilder().setLayer(1).setClient(clientName)),
                f -> sync.limitPage(f.getHello().getLimits().getMaxDifferencePage()),
                e -> log.debug("hello failed", e));
        String token = state.get().token();
        if (token != null && !token.isEmpty()) {
            queue.internal(
                    ClientFrame.newBuilder()
                            .setAuthenticate(Authenticate.newBuilder().setToken(token)),
                    f -> onAuthorized(f.getAuthorization(), false, null),
                    this::onAuthenticateFailed);
        } else {
            link.ready();
            online();
        }
    }

    private void onAuthenticateFailed(Throwable e) {
        if (e instanceof ChaparException ce
                && ce.getCode() != ErrorCode.UNAVAILABLE
                && ce.getCode() != ErrorCode.INTERNAL) {
            log.info("stored session rejected: {}", ce.getMessage());
            state.change(s -> s.withToken(null));
            link.ready();
            link.report(ConnectionState.LOGGED_OUT);
            link.connected(ce);
        } else if (queue.phase() != RequestQueue.Phase.DOWN) {
            // answered with a passing failure on a live connection: left as it is, the link would
            // wait in the handshake for ever, every request queued behind it
            link.reconnect(e);
        }
        // otherwise the connection dropped: the reconnect authenticates again
    }

    /**
     * After Authenticate, Login or Register succeeded on this connection; {@code key} is the author
     * key a password login derived (null: none, the session keeps the one it had).
     */
    void onAuthorized(Authorization a, boolean newLogin, AuthorKey key) {
        long userId = a.getUser().getId();
        if (newLogin) {
            boolean sameUser = state.get().userId() == userId;
            if (!sameUser) {
                // what is queued belongs to the previous user: its pts saves are dropped
                delivery.flush();
                delivery.newEpoch(state.newEpoch());
                sync.restart();
            }
            state.change(
                    s -> {
                        SyncState next =
                                sameUser
                                        ? s.withToken(a.getToken())
                                        : s.forUser(userId, a.getToken());
                        if (key != null) {
                            next = next.withAuthorKey(key);
                        }
                        return a.getDeviceCookie().isEmpty()
                                ? next
                                : next.withDeviceCookie(
                                        a.getUser().getUsername(), a.getDeviceCookie());
                    });
        }
        if (queue.phase() != RequestQueue.Phase.READY) {
            link.ready();
        }
        sync.catchUp();
    }

    /** Pushed updates: a revoked session ends this login. */
    void onPush(List<Update> updates) {
        for (Update u : updates) {
            if (u.getKindCase() == Update.KindCase.SESSION_REVOKED) {
                onLoggedOut();
            }
        }
    }

    void onLoggedOut() {
        state.change(s -> s.withToken(null));
        link.report(ConnectionState.LOGGED_OUT);
    }

    /** Authorized and caught up, or connected without a session. */
    void online() {
        link.report(ConnectionState.ONLINE);
        link.connected(null);
    }
}
