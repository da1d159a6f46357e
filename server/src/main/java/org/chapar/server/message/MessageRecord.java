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

    /** A message as it is first stored: not edited, viewed, forwarded or pinned yet. */
    public static MessageRecord posted(
            long chatId, long id, long fromId, long date, String text, long replyToId) {
        return new MessageRecord(chatId, id, fromId, date, text, replyToId, 0);
    }

    /** This message with new text, edited at {@code newEditDate}. */
    public MessageRecord withText(String newText, long newEditDate) {
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

    public MessageRecord withPostAuthor(String newPostAuthor) {
        return new MessageRecord(
                chatId,
                id,
                fromId,
                date,
                text,
                replyToId,
                editDate,
                views,
                forwards,
                pinned,
                newPostAuthor,
                fwd,
                action);
    }

    /** This message carrying a forward header (null: not forwarded). */
    public MessageRecord withFwd(ForwardHeader newFwd) {
        return new MessageRecord(
                chatId,
                id,
                fromId,
                date,
                text,
                replyToId,
                editDate,
                views,
                forwards,
                pinned,
                postAuthor,
                newFwd,
                action);
    }

    /** This message as a service message (null: an ordinary one). */
    public MessageRecord withAction(MessageAction newAction) {
        return new MessageRecord(
                chatId,
                id,
                fromId,
                date,
                text,
                replyToId,
                editDate,
                views,
                forwards,
                pinned,
                postAuthor,
                fwd,
                newAction);
    }
}
