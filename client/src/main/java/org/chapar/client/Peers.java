package org.chapar.client;

import org.chapar.protocol.InputUser;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

/** Builds {@link Peer}s and {@link InputUser}s. */
public final class Peers {

    private Peers() {}

    /**
     * The private chat with a user, by id alone: enough once the chat exists (or for yourself). To
     * open one, use {@link #user(User)}.
     */
    public static Peer user(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }

    /** The private chat with a user the server showed you, with their access hash. */
    public static Peer user(User user) {
        return Peer.newBuilder()
                .setUserId(user.getId())
                .setAccessHash(user.getAccessHash())
                .build();
    }

    /** A user the server showed you, as shared-chat requests name them (CreateChat, ...). */
    public static InputUser input(User user) {
        return InputUser.newBuilder()
                .setUserId(user.getId())
                .setAccessHash(user.getAccessHash())
                .build();
    }

    /** A shared chat (group). */
    public static Peer chat(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }
}
