package org.chapar.server.message;

import java.util.OptionalLong;

/**
 * Chats and their per-chat message id counters.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): message ids come from the chat's
 * counter row, advanced atomically; two racing {@link #privateChat} calls for a new pair both try
 * to create it and the unique pair key fails one, which the adapter retries.
 */
public interface Chats {
    /**
     * The private chat of two users (a user with themself: saved messages), created on first use.
     */
    long privateChat(long userA, long userB, long now);

    OptionalLong findPrivateChat(long userA, long userB);

    /** The two members of a private chat, lower id first; empty if it is not a private chat. */
    java.util.Optional<long[]> privateMembers(long chatId);

    /**
     * Allocates the next message id of the chat in one atomic update of its counter row: ids are
     * distinct and increase per chat in commit order.
     */
    long nextMessageId(long chatId);
}
