package org.chapar.client;

import org.chapar.protocol.Peer;

/** Builds {@link Peer}s. */
public final class Peers {

    private Peers() {}

    /** The private chat with a user. */
    public static Peer user(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }

    /** A shared chat (group). */
    public static Peer chat(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }
}
