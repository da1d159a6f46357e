package org.chapar.server.store.jdbc;

import org.chapar.server.bot.BotRecord;
import org.chapar.server.bot.Bots;
import org.chapar.server.bot.PendingEvents;
import org.chapar.server.sync.BoxEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The confirmed pts only rises, in one statement that keeps the higher of the stored and the given
 * value: two nodes confirming different offsets end at the higher one.
 */
final class JdbcBots implements Bots {
    private static final String COLUMNS =
            "user_id, owner_id, secret_hash, description, commands, confirmed_pts, allowed_updates";
    private final JdbcStatements db;

    JdbcBots(JdbcStatements db) {
        this.db = db;
    }

    private static BotRecord row(ResultSet rs) throws SQLException {
        return new BotRecord(
                rs.getLong(1),
                rs.getLong(2),
                rs.getBytes(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getString(7));
    }

    @Override
    public void create(long userId, long ownerId, byte[] secretHash, long now) {
        db.update("UPDATE users SET bot = 1 WHERE id = ?", userId);
        db.update(
                "INSERT INTO bots (user_id, owner_id, secret_hash, created) VALUES (?, ?, ?, ?)",
                userId,
                ownerId,
                secretHash,
                now);
    }

    @Override
    public Optional<BotRecord> byId(long userId) {
        return db.one("SELECT " + COLUMNS + " FROM bots WHERE user_id = ?", JdbcBots::row, userId);
    }

    @Override
    public List<BotRecord> byOwner(long ownerId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM bots WHERE owner_id = ? ORDER BY user_id",
                JdbcBots::row,
                ownerId);
    }

    @Override
    public void setSecretHash(long userId, byte[] secretHash) {
        db.update("UPDATE bots SET secret_hash = ? WHERE user_id = ?", secretHash, userId);
    }

    @Override
    public void setDescription(long userId, String description) {
        db.update("UPDATE bots SET description = ? WHERE user_id = ?", description, userId);
    }

    @Override
    public void setCommands(long userId, String commandsJson) {
        db.update("UPDATE bots SET commands = ? WHERE user_id = ?", commandsJson, userId);
    }

    @Override
    public void setAllowedUpdates(long userId, String kinds) {
        db.update("UPDATE bots SET allowed_updates = ? WHERE user_id = ?", kinds, userId);
    }

    @Override
    public void delete(long userId) {
        db.update("DELETE FROM bot_webhooks WHERE user_id = ?", userId);
        db.update("DELETE FROM bots WHERE user_id = ?", userId);
    }

    // Three scans of the box from the confirmed pts on its primary key, each row joined by key:
    // counting in the store, not rendering every pending update, keeps getWebhookInfo cheap.
    @Override
    public PendingEvents pending(long userId, long pts, long since) {
        long[] messages = new long[4]; // message, edited, channel post, edited channel post
        for (long[] r :
                db.list(
                        "SELECT e.kind, CASE WHEN c.kind = 4 THEN 2 ELSE 0 END, COUNT(*)"
                                + " FROM box_events e"
                                + " JOIN messages m ON m.chat_id = e.chat_id AND m.id = e.message_id"
                                + " JOIN chats c ON c.id = e.chat_id"
                                + " WHERE e.user_id = ? AND e.pts > ? AND e.date >= ?"
                                + " AND e.kind IN (?, ?) AND m.from_id <> ? AND m.action IS NULL"
                                + " AND NOT EXISTS (SELECT 1 FROM hidden_messages h"
                                + " WHERE h.user_id = e.user_id AND h.chat_id = e.chat_id"
                                + " AND h.message_id = e.message_id)"
                                + " GROUP BY e.kind, CASE WHEN c.kind = 4 THEN 2 ELSE 0 END",
                        JdbcBots::counted,
                        userId,
                        pts,
                        since,
                        BoxEvent.Kind.NEW_MESSAGE.code,
                        BoxEvent.Kind.EDIT_MESSAGE.code,
                        userId)) {
            messages[(int) r[1] + (r[0] == BoxEvent.Kind.EDIT_MESSAGE.code ? 1 : 0)] += r[2];
        }
        long callbacks = 0;
        long joins = 0;
        for (long[] r :
                db.list(
                        "SELECT kind, 0, COUNT(*) FROM box_events"
                                + " WHERE user_id = ? AND pts > ? AND date >= ? AND kind IN (?, ?)"
                                + " GROUP BY kind",
                        JdbcBots::counted,
                        userId,
                        pts,
                        since,
                        BoxEvent.Kind.CALLBACK_QUERY.code,
                        BoxEvent.Kind.BOT_JOIN_REQUEST.code)) {
            if (r[0] == BoxEvent.Kind.CALLBACK_QUERY.code) {
                callbacks = r[2];
            } else {
                joins = r[2];
            }
        }
        List<byte[]> members =
                db.list(
                        "SELECT data FROM box_events WHERE user_id = ? AND pts > ? AND date >= ?"
                                + " AND kind = ? ORDER BY pts",
                        rs -> rs.getBytes(1),
                        userId,
                        pts,
                        since,
                        BoxEvent.Kind.MEMBER_CHANGED.code);
        return new PendingEvents(
                messages[0], messages[1], messages[2], messages[3], callbacks, joins, members);
    }

    private static long[] counted(ResultSet rs) throws SQLException {
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }

    @Override
    public void confirm(long userId, long pts) {
        db.update(
                "UPDATE bots SET confirmed_pts = ? WHERE user_id = ? AND confirmed_pts < ?",
                pts,
                userId,
                pts);
    }

    @Override
    public List<Long> following(long chatId, boolean adminsOnly) {
        return db.list(
                "SELECT b.user_id FROM bots b JOIN chat_members m"
                        + " ON m.chat_id = ? AND m.user_id = b.user_id WHERE m.status IN ("
                        + (adminsOnly ? "2, 3" : "1, 2, 3")
                        + ") ORDER BY b.user_id",
                rs -> rs.getLong(1),
                chatId);
    }
}
