package org.chapar.server.store.jdbc;

import org.chapar.server.message.DialogCursor;
import org.chapar.server.message.DialogRecord;
import org.chapar.server.message.Dialogs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcDialogs implements Dialogs {
    private static final String COLUMNS =
            "user_id, chat_id, peer_user_id, top_message_id, top_date, "
                    + "read_inbox_max_id, read_outbox_max_id, unread_count";
    private static final int CACHE_SIZE = 200_000;
    private final JdbcStatements db;

    /**
     * The writer's answers of {@link #hasWritten}, asked for every user whose status is rendered
     * (the partner rule of privacy). Only {@link #onNewMessage} and {@link #onOwnMessageDeleted}
     * change a count, and each updates the entry it touches. Kept only where the writer is the only
     * one: with several nodes another node's send changes a count between two transactions.
     */
    private final WriterCache<Key, Boolean> written;

    private record Key(long userId, long chatId) {}

    JdbcDialogs(JdbcStatements db, Dialect dialect, boolean writer) {
        this.db = db;
        this.written = WriterCache.of(writer && dialect.onlyWriter(), CACHE_SIZE);
    }

    void forgetAll() {
        written.clear();
    }

    private static DialogRecord row(ResultSet rs) throws SQLException {
        return new DialogRecord(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getInt(8));
    }

    @Override
    public Optional<DialogRecord> get(long userId, long chatId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM dialogs WHERE user_id = ? AND chat_id = ?",
                JdbcDialogs::row,
                userId,
                chatId);
    }

    @Override
    public void onNewMessage(
            long userId,
            long chatId,
            long peerUserId,
            long messageId,
            long date,
            int unreadDelta,
            int ownDelta) {
        db.update(
                "INSERT INTO dialogs (user_id, chat_id, peer_user_id, top_message_id, top_date, unread_count, "
                        + "own_messages) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, chat_id) DO UPDATE SET "
                        + "top_message_id = excluded.top_message_id, top_date = excluded.top_date, "
                        + "unread_count = dialogs.unread_count + excluded.unread_count, "
                        + "own_messages = dialogs.own_messages + excluded.own_messages",
                userId,
                chatId,
                peerUserId,
                messageId,
                date,
                unreadDelta,
                ownDelta);
        if (ownDelta > 0) {
            // only known answers change: users never asked about are not cached
            written.replace(new Key(userId, chatId), true);
        }
    }

    /** A message the user wrote in the chat was deleted for everyone. */
    void onOwnMessageDeleted(long userId, long chatId) {
        db.update(
                "UPDATE dialogs SET own_messages = CASE WHEN own_messages > 0 THEN own_messages - 1 ELSE 0 END "
                        + "WHERE user_id = ? AND chat_id = ? AND own_messages > 0",
                userId,
                chatId);
        written.remove(new Key(userId, chatId));
    }

    @Override
    public boolean hasWritten(long userId, long chatId) {
        Key key = new Key(userId, chatId);
        Boolean known = written.get(key);
        if (known != null) {
            return known;
        }
        boolean has =
                db.oneLong(
                                "SELECT own_messages FROM dialogs WHERE user_id = ? AND chat_id = ?",
                                0,
                                userId,
                                chatId)
                        > 0;
        written.put(key, has);
        return has;
    }

    @Override
    public void setReadInbox(long userId, long chatId, long maxId, int unreadCount) {
        db.update(
                "UPDATE dialogs SET read_inbox_max_id = ?, unread_count = ? WHERE user_id = ? AND chat_id = ?",
                maxId,
                unreadCount,
                userId,
                chatId);
    }

    @Override
    public void setReadOutbox(long userId, long chatId, long maxId) {
        db.update(
                "UPDATE dialogs SET read_outbox_max_id = ? WHERE user_id = ? AND chat_id = ?",
                maxId,
                userId,
                chatId);
    }

    @Override
    public void setTop(long userId, long chatId, long topMessageId, long topDate, int unreadCount) {
        db.update(
                "UPDATE dialogs SET top_message_id = ?, top_date = ?, unread_count = ? "
                        + "WHERE user_id = ? AND chat_id = ?",
                topMessageId,
                topDate,
                unreadCount,
                userId,
                chatId);
    }

    // Supergroups and channels do not touch every member's dialog per post (that would be a
    // write per subscriber): their top message and its date are read from the chat here, for
    // members only. The row of a chat the user is no longer in was frozen when they left, and
    // stays so: neither its top nor its place in the list may follow the chat's later posts.
    private static final String LIVE =
            "SELECT * FROM (SELECT d.user_id, d.chat_id, d.peer_user_id, "
                    + "CASE WHEN c.kind IN (3, 4) AND cm.status IN (1, 2, 3) THEN c.last_message_id ELSE d.top_message_id END AS top_id, "
                    + "CASE WHEN c.kind IN (3, 4) AND cm.status IN (1, 2, 3) THEN CASE WHEN d.top_date >= coalesce(m.date, 0) THEN d.top_date ELSE m.date END ELSE d.top_date END AS eff, "
                    + "d.read_inbox_max_id, d.read_outbox_max_id, d.unread_count FROM dialogs d "
                    + "JOIN chats c ON c.id = d.chat_id "
                    + "LEFT JOIN chat_members cm ON cm.chat_id = d.chat_id AND cm.user_id = d.user_id "
                    + "LEFT JOIN messages m ON m.chat_id = d.chat_id AND m.id = c.last_message_id WHERE d.user_id = ?) live";

    @Override
    public List<DialogRecord> page(long userId, DialogCursor after, int limit) {
        if (after == null) {
            return db.list(
                    LIVE + " ORDER BY eff DESC, chat_id DESC LIMIT ?",
                    JdbcDialogs::row,
                    userId,
                    limit);
        }
        return db.list(
                LIVE
                        + " WHERE eff < ? OR (eff = ? AND chat_id < ?) ORDER BY eff DESC, chat_id DESC LIMIT ?",
                JdbcDialogs::row,
                userId,
                after.topDate(),
                after.topDate(),
                after.chatId(),
                limit);
    }

    @Override
    public List<Long> privatePeers(long userId) {
        return db.list(
                "SELECT peer_user_id FROM dialogs WHERE user_id = ? AND peer_user_id <> 0",
                rs -> rs.getLong(1),
                userId);
    }

    @Override
    public int totalUnread(long userId) {
        return (int)
                db.oneLong(
                        "SELECT coalesce(sum(unread_count), 0) FROM dialogs WHERE user_id = ?",
                        0,
                        userId);
    }
}
