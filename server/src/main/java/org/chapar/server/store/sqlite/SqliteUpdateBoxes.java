package org.chapar.server.store.sqlite;

import java.util.Collection;
import java.util.List;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdateBoxes;

final class SqliteUpdateBoxes implements UpdateBoxes {
    private final Statements db;

    SqliteUpdateBoxes(Statements db) {
        this.db = db;
    }

    @Override
    public long head(long userId) {
        return db.oneLong("SELECT pts FROM users WHERE id = ?", 0, userId);
    }

    @Override
    public long append(long userId, BoxEvent e) {
        long pts = db.oneLong("UPDATE users SET pts = pts + ? WHERE id = ? RETURNING pts", -1, e.ptsCount(), userId);
        if (pts < 0) {
            throw new IllegalStateException("no box for user " + userId);
        }
        db.update("INSERT INTO box_events (user_id, pts, pts_count, kind, chat_id, message_id, data, date) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", userId, pts, e.ptsCount(), e.kind().code, e.chatId(),
                e.messageId(), e.data(), e.date());
        return pts;
    }

    @Override
    public List<BoxEvent> after(long userId, long pts, int limit) {
        return db.list("SELECT pts, pts_count, kind, chat_id, message_id, data, date FROM box_events "
                + "WHERE user_id = ? AND pts > ? ORDER BY pts LIMIT ?",
                rs -> new BoxEvent(rs.getLong(1), rs.getInt(2), BoxEvent.Kind.of(rs.getInt(3)), rs.getLong(4),
                        rs.getLong(5), rs.getBytes(6), rs.getLong(7)),
                userId, pts, limit);
    }

    @Override
    public void purgeMessageEvents(long chatId, Collection<Long> messageIds) {
        for (long id : messageIds) {
            db.update("DELETE FROM box_events WHERE chat_id = ? AND message_id = ?", chatId, id);
        }
    }
}
