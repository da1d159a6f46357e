package org.chapar.server.chat;

import java.util.List;
import java.util.OptionalLong;

/** The admin log of each supergroup and channel; only the last 48 hours are kept. */
public interface AdminLog {
    record Entry(
            long chatId,
            long id,
            long date,
            long userId,
            String action,
            long targetUserId,
            long messageId,
            String details) {}

    void append(
            long chatId,
            long date,
            long userId,
            String action,
            long targetUserId,
            long messageId,
            String details);

    List<Entry> page(long chatId, long maxId, int limit);

    /** Who posted a message, if the log still knows. */
    OptionalLong author(long chatId, long messageId);

    /** Deletes entries older than {@code before} (all chats). */
    int purge(long before);
}
