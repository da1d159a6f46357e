package org.chapar.server.message;

/** One user's entry for one chat in their chat list. */
public record DialogRecord(
        long userId,
        long chatId,
        long peerUserId,
        long topMessageId,
        long topDate,
        long readInboxMaxId,
        long readOutboxMaxId,
        int unreadCount) {}
