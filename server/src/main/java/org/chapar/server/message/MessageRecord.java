package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.Media;
import org.chapar.protocol.MessageAction;

/**
 * A stored message, once per chat whatever the number of members. {@code fromId} 0: the sender is
 * hidden (a channel post, an anonymous admin's post), and such a post may carry {@code authorTag},
 * the bytes its author's client sent, which only the author's devices can verify (the server holds
 * no key: docs/adr/0012-author-tags.md); {@code fwd}, {@code action} and {@code authorTag} are null
 * unless the message is forwarded, a service message, or a tagged post of a hidden author; {@code
 * media} is null on a message without media, {@code groupedId} 0 outside an album.
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
        MessageAction action,
        ByteString authorTag,
        Media media,
        long groupedId,
        ByteString markup) {

    public MessageRecord(
            long chatId,
            long id,
            long fromId,
            long date,
            String text,
            long replyToId,
            long editDate) {
        this(
                chatId, id, fromId, date, text, replyToId, editDate, 0, 0, false, "", null, null,
                null, null, 0, null);
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
                action,
                authorTag,
                media,
                groupedId,
                markup);
    }

    /** This message under the id its chat gave it when it was stored. */
    public MessageRecord withId(long newId) {
        return new MessageRecord(
                chatId,
                newId,
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
                action,
                authorTag,
                media,
                groupedId,
                markup);
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
                action,
                authorTag,
                media,
                groupedId,
                markup);
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
                action,
                authorTag,
                media,
                groupedId,
                markup);
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
                newAction,
                authorTag,
                media,
                groupedId,
                markup);
    }

    /** This message with its hidden author's tag (null: the sender is shown, or not tagged). */
    public MessageRecord withAuthorTag(ByteString newAuthorTag) {
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
                action,
                newAuthorTag,
                media,
                groupedId,
                markup);
    }

    /** This message carrying media (null: none), an item of album {@code newGroupedId} if not 0. */
    public MessageRecord withMedia(Media newMedia, long newGroupedId) {
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
                action,
                authorTag,
                newMedia,
                newGroupedId,
                markup);
    }

    /**
     * This message with its formatting and buttons: a Message holding only entities and
     * reply_markup, serialized (null: none), merged into every rendering of the message.
     */
    public MessageRecord withMarkup(ByteString newMarkup) {
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
                action,
                authorTag,
                media,
                groupedId,
                newMarkup == null || newMarkup.isEmpty() ? null : newMarkup);
    }
}
