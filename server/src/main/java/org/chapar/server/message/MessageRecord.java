package org.chapar.server.message;

import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.MessageAction;

/**
 * A stored message, once per chat whatever the number of members. {@code fromId} 0: the sender is
 * hidden (a channel post, an anonymous admin's post); {@code fwd} and {@code action} are null
 * unless the message is forwarded or a service message.
 */
public record MessageRecord(
        long chatId,
        long id,
        long fromId,
        long date,
        String text,
        long replyToId,
        long editDate,
        int views,
        int forwards,
        boolean pinned,
        String postAuthor,
        ForwardHeader fwd,
        MessageAction action) {

    public MessageRecord(
            long chatId,
            long id,
            long fromId,
            long date,
            String text,
            long replyToId,
            long editDate) {
        this(chatId, id, fromId, date, text, replyToId, editDate, 0, 0, false, "", null, null);
    }

    MessageRecord withText(String newText, long newEditDate) {
        return new MessageRecord(
                chatId,
                id,
                fromId,
                date,
                newText,
                replyToId,
                newEditDate,
                views,
                forwards,
                pinned,
                postAuthor,
                fwd,
                action);
    }

    public MessageRecord edited(String newText, long newEditDate) {
        return withText(newText, newEditDate);
    }
}
