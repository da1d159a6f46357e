package org.chapar.server.message;

import java.util.List;
import java.util.Optional;

/** Each user's chat list: top message, read positions and unread count per chat. */
public interface Dialogs {
    Optional<DialogRecord> get(long userId, long chatId);

    /**
     * Records a new top message, creating the dialog if needed, and adds to its unread count and to
     * its count of the user's own messages ({@code ownDelta}: 1 when the user wrote it in a private
     * chat, else 0; shared chats do not keep that count).
     */
    void onNewMessage(
            long userId,
            long chatId,
            long peerUserId,
            long messageId,
            long date,
            int unreadDelta,
            int ownDelta);

    /**
     * Whether the user has a message of their own that still exists (hidden from someone or not) in
     * this private chat: the partner rule of privacy.
     */
    boolean hasWritten(long userId, long chatId);

    void setReadInbox(long userId, long chatId, long maxId, int unreadCount);

    void setReadOutbox(long userId, long chatId, long maxId);

    /** Sets the top message and unread count after messages were removed (top 0: none left). */
    void setTop(long userId, long chatId, long topMessageId, long topDate, int unreadCount);

    /**
     * A page of the chat list, most recent first, strictly after the cursor (null: from the top).
     */
    List<DialogRecord> page(long userId, DialogCursor after, int limit);

    /** The users this user has a private chat with. */
    List<Long> privatePeers(long userId);

    int totalUnread(long userId);
}
