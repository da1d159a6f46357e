package org.chapar.server.store.jdbc;

import org.chapar.server.chat.AdminLog;

import java.util.List;
import java.util.OptionalLong;

final class JdbcAdminLog implements AdminLog {
    private final JdbcStatements db;

    JdbcAdminLog(JdbcStatements db) {
        this.db = db;
    }

    @Override
    public void append(
            long chatId,
            long date,
            long userId,
            String action,
            long targetUserId,
            long messageId,
            String details) {
        long id =
                db.oneLong(
                        "SELECT coalesce(max(id), 0) + 1 FROM admin_log WHERE chat_id = ?",
                        1,
                        chatId);
        db.update(
                "INSERT INTO admin_log (chat_id, id, date, user_id, action, target_user_id, message_id, details) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                chatId,
                id,
                date,
                userId,
                action,
                targetUserId,
                messageId,
                details);
    }

    @Override
    public List<Entry> page(long chatId, long maxId, int limit) {
        long below = maxId <= 0 ? Long.MAX_VALUE : maxId;
        return db.list(
                "SELECT chat_id, id, date, user_id, action, target_user_id, message_id, details "
                        + "FROM admin_log WHERE chat_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                rs ->
                        new Entry(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getString(8)),
                chatId,
                below,
                limit);
    }

    @Override
    public OptionalLong author(long chatId, long messageId) {
        return db.one(
                        "SELECT user_id FROM admin_log WHERE chat_id = ? AND message_id = ? AND action = 'post'",
                        rs -> rs.getLong(1),
                        chatId,
                        messageId)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public int purge(long before) {
        return db.update("DELETE FROM admin_log WHERE date < ?", before);
    }
}
