package org.chapar.server.chat;

import java.util.Optional;

/**
 * Storage of shared chats' settings and of the head of each supergroup's and channel's box.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): the chat's row is the counter row of
 * its member count and of its box (see {@link ChannelBoxes#append}); both are changed by one
 * conditional or relative update, never by a value computed from an earlier read. {@link #update}
 * writes settings read earlier in the same transaction: last writer wins, as for any edit.
 */
public interface SharedChats {
    /**
     * Creates the chat (a row in chats and its settings) and returns its id. Creating and updating
     * keep the chat's username claimed in the shared namespace (USERNAME_OCCUPIED if taken).
     */
    long create(ChatRecord chat);

    Optional<ChatRecord> get(long chatId);

    /**
     * The chat as this transaction now sees it, after its own writes moved the pts or the member
     * count. For a chat the transaction has already loaded, so it exists.
     */
    default ChatRecord current(long chatId) {
        return get(chatId).orElseThrow();
    }

    /** The chat that holds the name (or a look-alike of it) in the shared namespace. */
    Optional<ChatRecord> byUsername(String username);

    void update(ChatRecord chat);

    /** Public chats whose username starts with the prefix, in username order. */
    java.util.List<ChatRecord> searchByPrefix(String prefix, int limit);

    /** Moves the member count by delta (the creator joining, members leaving); never refused. */
    void addMembers(long chatId, int delta);

    /**
     * Counts one more member if the chat has fewer than {@code limit}, in one conditional write: of
     * two racing joins to a chat with one seat left, exactly one gets true. In a database with row
     * locks the write also holds the chat's row until commit, so what the join reads after it (is
     * the user already in?) is not changed by another join of the same chat.
     */
    boolean addMember(long chatId, int limit);
}
