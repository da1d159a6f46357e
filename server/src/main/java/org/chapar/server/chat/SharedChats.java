package org.chapar.server.chat;

import java.util.Optional;

/** Storage of shared chats' settings and of the head of each supergroup's and channel's box. */
public interface SharedChats {
    /**
     * Creates the chat (a row in chats and its settings) and returns its id. Creating and updating
     * keep the chat's username claimed in the shared namespace (USERNAME_OCCUPIED if taken).
     */
    long create(ChatRecord chat);

    Optional<ChatRecord> get(long chatId);

    /** The chat that holds the name (or a look-alike of it) in the shared namespace. */
    Optional<ChatRecord> byUsername(String username);

    void update(ChatRecord chat);

    /** Public chats whose username starts with the prefix, in username order. */
    java.util.List<ChatRecord> searchByPrefix(String prefix, int limit);

    void addMembers(long chatId, int delta);
}
