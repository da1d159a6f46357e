package org.chapar.server.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * Whether a device session still exists in the store: what the gateway asks once a login's
 * subscription to the user's facts is in effect, since a revocation before then sent its fact to
 * nobody on this node.
 */
public interface SessionCheck {

    CompletableFuture<Boolean> alive(long userId, long sessionId);
}
