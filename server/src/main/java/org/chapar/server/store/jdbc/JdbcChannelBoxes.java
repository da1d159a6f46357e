package org.chapar.server.store.jdbc;

import org.chapar.server.chat.ChannelBoxes;
import org.chapar.server.sync.BoxEvent;

import java.util.List;

final class JdbcChannelBoxes implements ChannelBoxes {
    private final JdbcStatements db;
    private final int retention;
    private final int trimEvery;

    /**
     * Keeps at least the newest {@code retention} events of each chat's box, like the common boxes.
     */
    JdbcChannelBoxes(JdbcStatements db, int retention) {
        this.db = db;
        this.retention = retention;
        this.trimEvery = Math.max(1, Math.min(1024, retention / 8));
    }

    @Override
    public long append(long chatId, BoxEvent e) {
        long pts =
                db.oneLong(
                        "UPDATE shared_chats SET pts = pts + ? WHERE chat_id = ? RETURNING pts",
                        -1,
                        e.ptsCount(),
                        chatId);
        if (pts < 0) {
            throw new IllegalStateException("no box for chat " + chatId);
        }
        db.update(
                "INSERT INTO channel_events (chat_id, pts, pts_count, kind, message_id, data, date) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                chatId,
                pts,
                e.ptsCount(),
                e.kind().code,
                e.messageId(),
                e.data(),
                e.date());
        if (pts % trimEvery == 0 && pts > retention) {
            db.update(
                    "DELETE FROM channel_events WHERE chat_id = ? AND pts <= ?",
                    chatId,
                    pts - retention);
        }
        return pts;
    }

    @Override
    public List<BoxEvent> after(long chatId, long pts, int limit) {
        return db.list(
                "SELECT pts, pts_count, kind, message_id, data, date FROM channel_events "
                        + "WHERE chat_id = ? AND pts > ? ORDER BY pts LIMIT ?",
                rs ->
                        new BoxEvent(
                                rs.getLong(1),
                                rs.getInt(2),
                                BoxEvent.Kind.of(rs.getInt(3)),
                                chatId,
                                rs.getLong(4),
                                rs.getBytes(5),
                                rs.getLong(6)),
                chatId,
                pts,
                limit);
    }

    @Override
    public long count(long chatId) {
        return db.oneLong("SELECT count(*) FROM channel_events WHERE chat_id = ?", 0, chatId);
    }
}
