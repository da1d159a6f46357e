package org.chapar.server.message;

import java.util.OptionalLong;

/** Chats and their per-chat message id counters. */
public interface Chats {
    /**
     * The private chat of two users (a user with themself: saved messages), created on first use.
     */
    long privateChat(long userA, long userB, long now);

    OptionalLong findPrivateChat(long userA, long userB);

    /** The two members of a private chat, lower id first; empty if it is not a private chat. */
    java.util.Optional<long[]> privateMembers(long chatId);

    /** Allocates the next message id of the chat. */
    long nextMessageId(long chatId);
}
