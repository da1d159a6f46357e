package org.chapar.server.store.jdbc;

import org.chapar.server.account.SessionRecord;
import org.chapar.server.account.Sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcSessions implements Sessions {
    private static final String COLUMNS = "id, user_id, token_hash, device, created, last_active";
    private final JdbcStatements db;

    JdbcSessions(JdbcStatements db) {
        this.db = db;
    }

    private static SessionRecord row(ResultSet rs) throws SQLException {
        return new SessionRecord(
                rs.getLong(1),
                rs.getLong(2),
                rs.getBytes(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6));
    }

    @Override
    public void create(SessionRecord s) {
        db.update(
                "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                s.id(),
                s.userId(),
                s.tokenHash(),
                s.device(),
                s.created(),
                s.lastActive());
    }

    @Override
    public Optional<SessionRecord> byTokenHash(byte[] tokenHash) {
        return db.one(
                "SELECT " + COLUMNS + " FROM sessions WHERE token_hash = ?",
                JdbcSessions::row,
                tokenHash);
    }

    @Override
    public List<SessionRecord> byUser(long userId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM sessions WHERE user_id = ? ORDER BY created, id",
                JdbcSessions::row,
                userId);
    }

    @Override
    public boolean exists(long userId, long sessionId) {
        return db.oneLong(
                        "SELECT 1 FROM sessions WHERE id = ? AND user_id = ?", 0, sessionId, userId)
                == 1;
    }

    @Override
    public boolean delete(long userId, long sessionId) {
        return db.update("DELETE FROM sessions WHERE id = ? AND user_id = ?", sessionId, userId)
                > 0;
    }

    @Override
    public void touch(long sessionId, long lastActive) {
        db.update("UPDATE sessions SET last_active = ? WHERE id = ?", lastActive, sessionId);
    }

    @Override
    public void rememberDevice(long userId, byte[] cookieHash, long now, int keep) {
        db.update(
                "INSERT INTO known_devices (cookie_hash, user_id, created) VALUES (?, ?, ?)",
                cookieHash,
                userId,
                now);
        db.update(
                "DELETE FROM known_devices WHERE user_id = ? AND cookie_hash NOT IN (SELECT"
                        + " cookie_hash FROM known_devices WHERE user_id = ? ORDER BY created"
                        + " DESC LIMIT ?)",
                userId,
                userId,
                keep);
    }

    @Override
    public Optional<Long> deviceOwner(byte[] cookieHash) {
        return db.one(
                "SELECT user_id FROM known_devices WHERE cookie_hash = ?",
                rs -> rs.getLong(1),
                cookieHash);
    }
}
