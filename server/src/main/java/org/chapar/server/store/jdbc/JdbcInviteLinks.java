package org.chapar.server.store.jdbc;

import org.chapar.server.chat.InviteLinks;
import org.chapar.server.chat.InviteRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcInviteLinks implements InviteLinks {
    private static final String COLUMNS =
            "hash, chat_id, admin_id, created, expire_date, usage_limit, usage, "
                    + "requires_approval, revoked, is_primary, title";
    private final JdbcStatements db;

    JdbcInviteLinks(JdbcStatements db) {
        this.db = db;
    }

    private static InviteRecord row(ResultSet rs) throws SQLException {
        return new InviteRecord(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8) != 0,
                rs.getInt(9) != 0,
                rs.getInt(10) != 0,
                rs.getString(11));
    }

    @Override
    public void put(InviteRecord l) {
        db.update(
                "INSERT INTO invite_links ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET "
                        + "chat_id = excluded.chat_id, admin_id = excluded.admin_id, "
                        + "created = excluded.created, expire_date = excluded.expire_date, "
                        + "usage_limit = excluded.usage_limit, "
                        + "requires_approval = excluded.requires_approval, "
                        + "revoked = excluded.revoked, is_primary = excluded.is_primary, "
                        + "title = excluded.title",
                l.hash(),
                l.chatId(),
                l.adminId(),
                l.created(),
                l.expireDate(),
                l.usageLimit(),
                l.usage(),
                l.requiresApproval(),
                l.revoked(),
                l.primary(),
                l.title());
    }

    @Override
    public Optional<InviteRecord> get(String hash) {
        return db.one(
                "SELECT " + COLUMNS + " FROM invite_links WHERE hash = ?",
                JdbcInviteLinks::row,
                hash);
    }

    @Override
    public List<InviteRecord> byChat(long chatId, boolean revoked) {
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM invite_links WHERE chat_id = ? AND revoked = ? ORDER BY created",
                JdbcInviteLinks::row,
                chatId,
                revoked);
    }

    @Override
    public Optional<InviteRecord> primary(long chatId) {
        return db.one(
                "SELECT "
                        + COLUMNS
                        + " FROM invite_links WHERE chat_id = ? AND is_primary = 1 AND revoked = 0",
                JdbcInviteLinks::row,
                chatId);
    }

    @Override
    public boolean use(String hash, long now) {
        return db.update(
                        "UPDATE invite_links SET usage = usage + 1 WHERE hash = ? AND revoked = 0"
                                + " AND (expire_date = 0 OR expire_date > ?)"
                                + " AND (usage_limit = 0 OR usage < usage_limit)",
                        hash,
                        now)
                > 0;
    }

    @Override
    public void addRequest(long chatId, long userId, long date, String hash) {
        db.update(
                "INSERT INTO join_requests (chat_id, user_id, date, hash) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (chat_id, user_id) DO UPDATE SET date = excluded.date, hash = excluded.hash",
                chatId,
                userId,
                date,
                hash);
    }

    @Override
    public Optional<JoinRequestRecord> request(long chatId, long userId) {
        return db.one(
                "SELECT chat_id, user_id, date, hash FROM join_requests"
                        + " WHERE chat_id = ? AND user_id = ?",
                JdbcInviteLinks::request,
                chatId,
                userId);
    }

    private static JoinRequestRecord request(ResultSet rs) throws SQLException {
        return new JoinRequestRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
    }

    @Override
    public List<JoinRequestRecord> requests(long chatId) {
        return db.list(
                "SELECT chat_id, user_id, date, hash FROM join_requests WHERE chat_id = ? ORDER BY date",
                JdbcInviteLinks::request,
                chatId);
    }

    @Override
    public boolean removeRequest(long chatId, long userId) {
        return db.update(
                        "DELETE FROM join_requests WHERE chat_id = ? AND user_id = ?",
                        chatId,
                        userId)
                > 0;
    }

    @Override
    public int removeRequests(String hash) {
        return db.update("DELETE FROM join_requests WHERE hash = ?", hash);
    }

    @Override
    public int pendingRequests(String hash) {
        return (int) db.oneLong("SELECT count(*) FROM join_requests WHERE hash = ?", 0, hash);
    }
}
