package org.chapar.server.store.jdbc;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.Media;
import org.chapar.protocol.MessageAction;
import org.chapar.server.media.Files;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.Messages;
import org.chapar.server.message.SentRef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class JdbcMessages implements Messages {
    private static final String COLUMNS =
            "m.chat_id, m.id, m.from_id, m.date, m.text, m.reply_to_id, m.edit_date, "
                    + "m.views, m.forwards, m.pinned, m.post_author, m.fwd, m.action, m.author_tag, "
                    + "m.media, m.grouped_id, m.markup";
    private static final String VISIBLE =
            " AND NOT EXISTS (SELECT 1 FROM hidden_messages h "
                    + "WHERE h.user_id = ? AND h.chat_id = m.chat_id AND h.message_id = m.id)";
    private final JdbcStatements db;

    /** Keeps each author's count of their own messages as messages are deleted. */
    private final JdbcDialogs dialogs;

    /** Releases the files of purged messages. */
    private final Files files;

    JdbcMessages(JdbcStatements db, JdbcDialogs dialogs, Files files) {
        this.db = db;
        this.dialogs = dialogs;
        this.files = files;
    }

    private static MessageRecord row(ResultSet rs) throws SQLException {
        try {
            byte[] fwd = rs.getBytes(12);
            byte[] action = rs.getBytes(13);
            byte[] tag = rs.getBytes(14);
            byte[] media = rs.getBytes(15);
            byte[] markup = rs.getBytes(17);
            return new MessageRecord(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getInt(8),
                    rs.getInt(9),
                    rs.getInt(10) != 0,
                    rs.getString(11),
                    fwd == null ? null : ForwardHeader.parseFrom(fwd),
                    action == null ? null : MessageAction.parseFrom(action),
                    tag == null ? null : ByteString.copyFrom(tag),
                    media == null ? null : Media.parseFrom(media),
                    rs.getLong(16),
                    markup == null ? null : ByteString.copyFrom(markup));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new SQLException("corrupt message " + rs.getLong(1) + "/" + rs.getLong(2), e);
        }
    }

    @Override
    public void insert(MessageRecord m) {
        db.update(
                "INSERT INTO messages (chat_id, id, from_id, date, text, reply_to_id, edit_date, post_author, fwd, "
                        + "action, author_tag, media, grouped_id, markup) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.chatId(),
                m.id(),
                m.fromId(),
                m.date(),
                m.text(),
                m.replyToId(),
                m.editDate(),
                m.postAuthor(),
                m.fwd() == null ? null : m.fwd().toByteArray(),
                m.action() == null ? null : m.action().toByteArray(),
                m.authorTag() == null ? null : m.authorTag().toByteArray(),
                m.media() == null ? null : m.media().toByteArray(),
                m.groupedId(),
                m.markup() == null ? null : m.markup().toByteArray());
    }

    @Override
    public int countInAlbum(long chatId, long groupedId) {
        return (int)
                db.oneLong(
                        "SELECT count(*) FROM messages WHERE chat_id = ? AND grouped_id = ?",
                        0,
                        chatId,
                        groupedId);
    }

    @Override
    public Optional<MessageRecord> get(long chatId, long id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM messages m WHERE m.chat_id = ? AND m.id = ?",
                JdbcMessages::row,
                chatId,
                id);
    }

    @Override
    public List<MessageRecord> history(long chatId, long viewer, long offsetId, int limit) {
        long below = offsetId <= 0 ? Long.MAX_VALUE : offsetId;
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM messages m WHERE m.chat_id = ? AND m.id < ?"
                        + VISIBLE
                        + " ORDER BY m.id DESC LIMIT ?",
                JdbcMessages::row,
                chatId,
                below,
                viewer,
                limit);
    }

    @Override
    public List<MessageRecord> byIds(long chatId, long viewer, Collection<Long> ids) {
        List<MessageRecord> out = new ArrayList<>();
        for (long id : ids) {
            db.one(
                            "SELECT "
                                    + COLUMNS
                                    + " FROM messages m WHERE m.chat_id = ? AND m.id = ?"
                                    + VISIBLE,
                            JdbcMessages::row,
                            chatId,
                            id,
                            viewer)
                    .ifPresent(out::add);
        }
        return out;
    }

    @Override
    public void updateText(long chatId, long id, String text, long editDate) {
        db.update(
                "UPDATE messages SET text = ?, edit_date = ? WHERE chat_id = ? AND id = ?",
                text,
                editDate,
                chatId,
                id);
    }

    @Override
    public long firstInAlbum(long chatId, long groupedId) {
        return db.oneLong(
                "SELECT id FROM messages WHERE chat_id = ? AND grouped_id = ? ORDER BY id LIMIT 1",
                0,
                chatId,
                groupedId);
    }

    @Override
    public void updateMarkup(long chatId, long id, ByteString markup, long editDate) {
        db.update(
                "UPDATE messages SET markup = ?, edit_date = ? WHERE chat_id = ? AND id = ?",
                markup == null || markup.isEmpty() ? null : markup.toByteArray(),
                editDate,
                chatId,
                id);
    }

    @Override
    public void delete(long chatId, Collection<Long> ids) {
        for (long id : ids) {
            Optional<Purged> purged =
                    db.one(
                            "DELETE FROM messages WHERE chat_id = ? AND id = ? "
                                    + "RETURNING from_id, sent_user_id, sent_random_id",
                            rs -> {
                                long from = rs.getLong(1);
                                long sentUser = rs.getLong(2);
                                boolean recorded = !rs.wasNull();
                                return new Purged(from, recorded, sentUser, rs.getLong(3));
                            },
                            chatId,
                            id);
            if (purged.isPresent() && purged.get().fromId() > 0) {
                dialogs.onOwnMessageDeleted(purged.get().fromId(), chatId);
            }
            db.update(
                    "DELETE FROM hidden_messages WHERE chat_id = ? AND message_id = ?", chatId, id);
            if (purged.isPresent() && purged.get().recorded()) {
                // keep the random_id only: a late retry of the send is refused, not sent again
                db.update(
                        "UPDATE sent_random_ids SET chat_id = 0, message_id = 0, pts = 0 "
                                + "WHERE user_id = ? AND random_id = ? AND chat_id = ? AND message_id = ?",
                        purged.get().sentUserId(),
                        purged.get().sentRandomId(),
                        chatId,
                        id);
            }
            db.update("DELETE FROM message_views WHERE chat_id = ? AND message_id = ?", chatId, id);
            db.update("DELETE FROM mentions WHERE chat_id = ? AND message_id = ?", chatId, id);
            db.update(
                    "DELETE FROM channel_events WHERE chat_id = ? AND message_id = ?", chatId, id);
            files.detachMessage(chatId, id);
        }
    }

    /**
     * What a purged message's row said of its sender and of the key of its send's record ({@code
     * recorded} false: it has none, as a service message).
     */
    private record Purged(long fromId, boolean recorded, long sentUserId, long sentRandomId) {}

    @Override
    public void hide(long userId, long chatId, Collection<Long> ids) {
        for (long id : ids) {
            db.update(
                    "INSERT INTO hidden_messages (user_id, chat_id, message_id) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    userId,
                    chatId,
                    id);
        }
    }

    @Override
    public boolean hiddenFor(long userId, long chatId, long id) {
        return db.oneLong(
                        "SELECT 1 FROM hidden_messages WHERE user_id = ? AND chat_id = ? AND message_id = ?",
                        0,
                        userId,
                        chatId,
                        id)
                == 1;
    }

    @Override
    public int countUnread(long chatId, long viewer, long afterId) {
        return (int)
                db.oneLong(
                        "SELECT count(*) FROM messages m WHERE m.chat_id = ? AND m.id > ? AND m.from_id <> ?"
                                + VISIBLE,
                        0,
                        chatId,
                        afterId,
                        viewer,
                        viewer);
    }

    @Override
    public Optional<MessageRecord> newestVisible(long chatId, long viewer) {
        return db.one(
                "SELECT "
                        + COLUMNS
                        + " FROM messages m WHERE m.chat_id = ?"
                        + VISIBLE
                        + " ORDER BY m.id DESC LIMIT 1",
                JdbcMessages::row,
                chatId,
                viewer);
    }

    @Override
    public Optional<SentRef> findSent(long userId, long randomId) {
        return db.one(
                "SELECT chat_id, message_id, pts FROM sent_random_ids WHERE user_id = ? AND random_id = ?",
                rs -> new SentRef(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                userId,
                randomId);
    }

    /**
     * Also writes the record's key into the message row, so that a purge finds the record by its
     * key (docs/adr/0032-messages-hold-their-send-key.md). The row was inserted earlier in the same
     * transaction, so its page is dirty already: what this saves is an index entry, on a page of
     * its own, per send.
     */
    @Override
    public void recordSent(long userId, long randomId, SentRef ref) {
        db.update(
                "INSERT INTO sent_random_ids (user_id, random_id, chat_id, message_id, pts) VALUES (?, ?, ?, ?, ?)",
                userId,
                randomId,
                ref.chatId(),
                ref.messageId(),
                ref.pts());
        db.update(
                "UPDATE messages SET sent_user_id = ?, sent_random_id = ? WHERE chat_id = ? AND id = ?",
                userId,
                randomId,
                ref.chatId(),
                ref.messageId());
    }

    @Override
    public boolean addView(long chatId, long id, long userId) {
        if (db.update(
                        "INSERT INTO message_views (chat_id, message_id, user_id) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        chatId,
                        id,
                        userId)
                == 0) {
            return false;
        }
        db.update("UPDATE messages SET views = views + 1 WHERE chat_id = ? AND id = ?", chatId, id);
        return true;
    }

    @Override
    public void addForward(long chatId, long id) {
        db.update(
                "UPDATE messages SET forwards = forwards + 1 WHERE chat_id = ? AND id = ?",
                chatId,
                id);
    }

    @Override
    public void setPinned(long chatId, long id, boolean pinned) {
        db.update(
                "UPDATE messages SET pinned = ? WHERE chat_id = ? AND id = ?", pinned, chatId, id);
    }

    @Override
    public void addMention(long chatId, long id, long userId) {
        db.update(
                "INSERT INTO mentions (chat_id, user_id, message_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                chatId,
                userId,
                id);
    }

    @Override
    public boolean mentions(long chatId, long id, long userId) {
        return db.oneLong(
                        "SELECT 1 FROM mentions WHERE chat_id = ? AND user_id = ? AND message_id = ?",
                        0,
                        chatId,
                        userId,
                        id)
                == 1;
    }

    @Override
    public List<Long> mentionedIn(long chatId, long id) {
        return db.list(
                "SELECT user_id FROM mentions WHERE chat_id = ? AND message_id = ?",
                rs -> rs.getLong(1),
                chatId,
                id);
    }

    @Override
    public int unreadMentions(long chatId, long userId) {
        return (int)
                db.oneLong(
                        "SELECT count(*) FROM mentions WHERE chat_id = ? AND user_id = ?",
                        0,
                        chatId,
                        userId);
    }

    @Override
    public void readMentions(long chatId, long userId, long upToId) {
        db.update(
                "DELETE FROM mentions WHERE chat_id = ? AND user_id = ? AND message_id <= ?",
                chatId,
                userId,
                upToId);
    }

    @Override
    public long count(long chatId) {
        return db.oneLong("SELECT count(*) FROM messages WHERE chat_id = ?", 0, chatId);
    }

    @Override
    public List<Long> sendersBetween(long chatId, long afterId, long upToId) {
        return db.list(
                "SELECT DISTINCT from_id FROM messages WHERE chat_id = ? AND id > ? AND id <= ? "
                        + "AND from_id <> 0",
                rs -> rs.getLong(1),
                chatId,
                afterId,
                upToId);
    }
}
