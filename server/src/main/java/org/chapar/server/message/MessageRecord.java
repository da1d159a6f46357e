package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.Media;
import org.chapar.protocol.MessageAction;

import java.util.function.Consumer;

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
        return edit(
                b -> {
                    b.text = newText;
                    b.editDate = newEditDate;
                });
    }

    /** This message under the id its chat gave it when it was stored. */
    public MessageRecord withId(long newId) {
        return edit(b -> b.id = newId);
    }

    public MessageRecord withPostAuthor(String newPostAuthor) {
        return edit(b -> b.postAuthor = newPostAuthor);
    }

    /** This message carrying a forward header (null: not forwarded). */
    public MessageRecord withFwd(ForwardHeader newFwd) {
        return edit(b -> b.fwd = newFwd);
    }

    /** This message as a service message (null: an ordinary one). */
    public MessageRecord withAction(MessageAction newAction) {
        return edit(b -> b.action = newAction);
    }

    /** This message with its hidden author's tag (null: the sender is shown, or not tagged). */
    public MessageRecord withAuthorTag(ByteString newAuthorTag) {
        return edit(b -> b.authorTag = newAuthorTag);
    }

    /** This message carrying media (null: none), an item of album {@code newGroupedId} if not 0. */
    public MessageRecord withMedia(Media newMedia, long newGroupedId) {
        return edit(
                b -> {
                    b.media = newMedia;
                    b.groupedId = newGroupedId;
                });
    }

    /**
     * This message with its formatting and buttons: a Message holding only entities and
     * reply_markup, serialized (null: none), merged into every rendering of the message.
     */
    public MessageRecord withMarkup(ByteString newMarkup) {
        return edit(b -> b.markup = newMarkup == null || newMarkup.isEmpty() ? null : newMarkup);
    }

    /** A copy with some fields changed. */
    private MessageRecord edit(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The mutable form the withers go through, so each names only what it changes. */
    private static final class Builder {
        long chatId;
        long id;
        long fromId;
        long date;
        String text;
        long replyToId;
        long editDate;
        int views;
        int forwards;
        boolean pinned;
        String postAuthor;
        ForwardHeader fwd;
        MessageAction action;
        ByteString authorTag;
        Media media;
        long groupedId;
        ByteString markup;

        Builder(MessageRecord m) {
            chatId = m.chatId;
            id = m.id;
            fromId = m.fromId;
            date = m.date;
            text = m.text;
            replyToId = m.replyToId;
            editDate = m.editDate;
            views = m.views;
            forwards = m.forwards;
            pinned = m.pinned;
            postAuthor = m.postAuthor;
            fwd = m.fwd;
            action = m.action;
            authorTag = m.authorTag;
            media = m.media;
            groupedId = m.groupedId;
            markup = m.markup;
        }

        MessageRecord build() {
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
                    markup);
        }
    }
}
