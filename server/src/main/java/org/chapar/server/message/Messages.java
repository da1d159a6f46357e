package org.chapar.server.message;

import com.google.protobuf.ByteString;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage of messages, and of what one user deleted for themself only.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): ids come from {@link
 * Chats#nextMessageId}; views and forwards are counted by relative updates. A send is idempotent by
 * the unique key of {@link #recordSent}: of two racing sends with one random_id the second fails on
 * that key and, retried, finds the first with {@link #findSent}.
 */
public interface Messages {
    void insert(MessageRecord message);

    /** How many messages of the chat are items of album {@code groupedId}. */
    int countInAlbum(long chatId, long groupedId);

    /** The id of the album's first item in the chat; 0 if it has none. */
    long firstInAlbum(long chatId, long groupedId);

    Optional<MessageRecord> get(long chatId, long id);

    /**
     * Messages the viewer can see with id below {@code offsetId} (0: from the newest), newest
     * first.
     */
    List<MessageRecord> history(long chatId, long viewer, long offsetId, int limit);

    /** The messages of the chat with these ids that the viewer can see. */
    List<MessageRecord> byIds(long chatId, long viewer, Collection<Long> ids);

    void updateText(long chatId, long id, String text, long editDate);

    /** Replaces the message's entities and buttons ({@link MessageRecord#markup}). */
    void updateMarkup(long chatId, long id, ByteString markup, long editDate);

    /** Purges the messages: nothing of them stays behind. */
    void delete(long chatId, Collection<Long> ids);

    /** Hides the messages from one user (delete for me). */
    void hide(long userId, long chatId, Collection<Long> ids);

    boolean hiddenFor(long userId, long chatId, long id);

    /** How many messages after {@code afterId} the viewer has not sent and can see. */
    int countUnread(long chatId, long viewer, long afterId);

    /** The newest message of the chat the viewer can see, if any. */
    Optional<MessageRecord> newestVisible(long chatId, long viewer);

    Optional<SentRef> findSent(long userId, long randomId);

    /**
     * Records what the send with this key produced. Called after {@code ref}'s message was
     * inserted, in the same transaction: purging that message later leaves only the key ({@link
     * IdempotentSends}).
     */
    void recordSent(long userId, long randomId, SentRef ref);

    /** Counts the account's view of the message once; false if it was counted before. */
    boolean addView(long chatId, long id, long userId);

    void addForward(long chatId, long id);

    void setPinned(long chatId, long id, boolean pinned);

    /** Records an unread @mention of the user. */
    void addMention(long chatId, long id, long userId);

    boolean mentions(long chatId, long id, long userId);

    /** The users whose @mention in the message is still unread. */
    List<Long> mentionedIn(long chatId, long id);

    int unreadMentions(long chatId, long userId);

    /** The user read the chat up to upToId: those mentions are no longer unread. */
    void readMentions(long chatId, long userId, long upToId);

    /** How many messages the chat has (stored once each, whatever the number of members). */
    long count(long chatId);

    /**
     * The distinct senders (not hidden ones) of the chat's messages with ids in (afterId, upToId].
     */
    List<Long> sendersBetween(long chatId, long afterId, long upToId);
}
