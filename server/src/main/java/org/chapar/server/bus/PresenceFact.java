package org.chapar.server.bus;

import java.nio.ByteBuffer;

/**
 * A node's gateway saw a user's first connection arrive ({@code online}) or last one go, published
 * on {@link Bus#PRESENCE}. A user is online while any node says so. Encoded as node, user, flag.
 */
public record PresenceFact(long node, long userId, boolean online) {

    public byte[] encode() {
        return ByteBuffer.allocate(17)
                .putLong(node)
                .putLong(userId)
                .put((byte) (online ? 1 : 0))
                .array();
    }

    public static PresenceFact decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new PresenceFact(b.getLong(), b.getLong(), b.get() == 1);
    }
}
