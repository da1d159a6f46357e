package org.chapar.server.gateway;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

import java.util.concurrent.CompletableFuture;

/** What a request handler may know about and do to the connection the request came on. */
public final class RequestContext {
    private final Connection connection;
    private final ConnectionRegistry registry;

    RequestContext(Connection connection, ConnectionRegistry registry) {
        this.connection = connection;
        this.registry = registry;
    }

    /**
     * The logged-in user; handlers registered as authenticated are only called when there is one.
     */
    public long userId() {
        return session().userId();
    }

    public long sessionId() {
        return session().sessionId();
    }

    public boolean authenticated() {
        return connection.session() != null;
    }

    private Connection.AuthSession session() {
        Connection.AuthSession s = connection.session();
        if (s == null) {
            throw new ApiException(ErrorCode.AUTH_REQUIRED, "Log in first");
        }
        return s;
    }

    /** The client's address, as a key for rate limits only. */
    public Object address() {
        return connection.address();
    }

    /**
     * Binds this connection to a session: it receives the user's live updates once the future
     * completes ({@link ConnectionRegistry#attach}), so a login is answered then.
     */
    public CompletableFuture<Void> logIn(long userId, long sessionId) {
        return registry.attach(connection, new Connection.AuthSession(userId, sessionId));
    }

    public void logOut() {
        registry.detach(connection);
    }
}
