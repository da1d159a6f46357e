package org.chapar.server.store.jdbc;

import org.chapar.protocol.MemberStatus;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.chat.Members;
import org.chapar.server.store.RaceLost;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcMembers implements Members {
    private static final String COLUMNS =
            "chat_id, user_id, status, admin_rights, banned_rights, until_date, joined, "
                    + "inviter_id, promoted_by, last_send_ms, left_date";
    private static final String IN_CHAT = "status IN (1, 2, 3)";
    private final JdbcStatements db;

    JdbcMembers(JdbcStatements db) {
        this.db = db;
    }

    private static MemberRecord row(ResultSet rs) throws SQLException {
        return new MemberRecord(
                rs.getLong(1),
                rs.getLong(2),
                MemberStatus.forNumber(rs.getInt(3)),
                rs.getInt(4),
                rs.getInt(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11));
    }

    @Override
    public Optional<MemberRecord> get(long chatId, long userId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM chat_members WHERE chat_id = ? AND user_id = ?",
                JdbcMembers::row,
                chatId,
                userId);
    }

    private static final String INSERT =
            "INSERT INTO chat_members (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ";
    private static final String REPLACE =
            "ON CONFLICT (chat_id, user_id) DO UPDATE SET status = excluded.status, "
                    + "admin_rights = excluded.admin_rights, banned_rights = excluded.banned_rights, "
                    + "until_date = excluded.until_date, joined = excluded.joined, inviter_id = excluded.inviter_id, "
                    + "promoted_by = excluded.promoted_by, left_date = excluded.left_date";

    @Override
    public void put(MemberRecord m) {
        write(INSERT + REPLACE, m);
    }

    @Override
    public void putIfUnchanged(MemberRecord m, MemberStatus was) {
        int written =
                was == null
                        ? write(INSERT + "ON CONFLICT (chat_id, user_id) DO NOTHING", m)
                        : write(
                                INSERT
                                        + REPLACE
                                        + " WHERE chat_members.status = "
                                        + was.getNumber(),
                                m);
        if (written == 0) {
            throw new RaceLost("the membership of user " + m.userId() + " in chat " + m.chatId());
        }
    }

    private int write(String sql, MemberRecord m) {
        return db.update(
                sql,
                m.chatId(),
                m.userId(),
                m.status().getNumber(),
                m.adminRights(),
                m.bannedRights(),
                m.untilDate(),
                m.joined(),
                m.inviterId(),
                m.promotedBy(),
                m.lastSendMs(),
                m.leftDate());
    }

    @Override
    public boolean claimSend(long chatId, long userId, long nowMs, long intervalMs) {
        return db.update(
                        "UPDATE chat_members SET last_send_ms = ? WHERE chat_id = ? AND user_id = ?"
                                + " AND last_send_ms <= ?",
                        nowMs,
                        chatId,
                        userId,
                        nowMs - intervalMs)
                > 0;
    }

    @Override
    public List<MemberRecord> list(long chatId, MemberStatus status, int offset, int limit) {
        if (status == null) {
            return db.list(
                    "SELECT "
                            + COLUMNS
                            + " FROM chat_members WHERE chat_id = ? AND "
                            + IN_CHAT
                            + " ORDER BY joined, user_id LIMIT ? OFFSET ?",
                    JdbcMembers::row,
                    chatId,
                    limit,
                    offset);
        }
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM chat_members WHERE chat_id = ? AND status = ?"
                        + " ORDER BY joined, user_id LIMIT ? OFFSET ?",
                JdbcMembers::row,
                chatId,
                status.getNumber(),
                limit,
                offset);
    }

    @Override
    public List<Long> userIds(long chatId) {
        return db.list(
                "SELECT user_id FROM chat_members WHERE chat_id = ? AND " + IN_CHAT,
                rs -> rs.getLong(1),
                chatId);
    }

    @Override
    public List<long[]> ownBoxChats(long userId) {
        return db.list(
                "SELECT m.chat_id, s.pts FROM chat_members m JOIN chats c ON c.id = m.chat_id "
                        + "JOIN shared_chats s ON s.chat_id = m.chat_id WHERE m.user_id = ? AND m.status IN (1, 2, 3) "
                        + "AND c.kind IN (3, 4)",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                userId);
    }
}
