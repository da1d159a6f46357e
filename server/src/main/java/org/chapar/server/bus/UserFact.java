package org.chapar.server.bus;

import java.nio.ByteBuffer;

/**
 * A fact about a user that every node's gateway acts on for the connections it holds, published on
 * {@code f.<user>} ({@link Bus#facts}). Rules publish it after commit; they never touch a socket.
 * Encoded as one tag byte and one long.
 */
public sealed interface UserFact {

    /** The user is now a member of a supergroup or channel: follow its live posts. */
    record Joined(long chatId) implements UserFact {}

    /** The user left or was banned from a supergroup or channel: stop its live posts. */
    record Left(long chatId) implements UserFact {}

    /** The session was revoked (logout, RevokeSession): close its connections. */
    record SessionRevoked(long sessionId) implements UserFact {}

    default byte[] encode() {
        return switch (this) {
            case Joined j -> encode((byte) 1, j.chatId());
            case Left l -> encode((byte) 2, l.chatId());
            case SessionRevoked s -> encode((byte) 3, s.sessionId());
        };
    }

    static UserFact decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        byte tag = b.get();
        long value = b.getLong();
        return switch (tag) {
            case 1 -> new Joined(value);
            case 2 -> new Left(value);
            case 3 -> new SessionRevoked(value);
            default -> throw new IllegalArgumentException("unknown user fact " + tag);
        };
    }

    private static byte[] encode(byte tag, long value) {
        return ByteBuffer.allocate(9).put(tag).putLong(value).array();
    }
}
