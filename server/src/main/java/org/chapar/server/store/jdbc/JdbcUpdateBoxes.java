package org.chapar.server.store.jdbc;

import org.chapar.server.bot.Bots;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdateBoxes;

import java.util.Collection;
import java.util.List;

final class JdbcUpdateBoxes implements UpdateBoxes {
    private static final byte[] NOTHING = new byte[0];
    private final JdbcStatements db;
    private final int retention;
    private final int trimEvery;

    /** The heads as the only writer advances them, written once per batch; null elsewhere. */
    private final BatchCounters heads;

    /**
     * Keeps at least the newest {@code retention} events of each box; older ones are trimmed.
     * {@code onlyWriter}: the session is the database's only writer ({@link BatchCounters}).
     */
    JdbcUpdateBoxes(JdbcStatements db, int retention, boolean onlyWriter) {
        this.db = db;
        this.retention = retention;
        this.trimEvery = Math.max(1, Math.min(1024, retention / 8));
        this.heads =
                onlyWriter
                        ? new BatchCounters(
                                db,
                                this::storedHead,
                                n ->
                                        "INSERT INTO box_heads (user_id, pts) VALUES "
                                                + BatchCounters.rows(n)
                                                + " ON CONFLICT (user_id) DO UPDATE SET pts = excluded.pts")
                        : null;
    }

    BatchCounters heads() {
        return heads;
    }

    // The head of a box is a counter row (box_heads), advanced by the append in one upsert: the
    // row is what concurrent appends to one box serialise on, and appends to other boxes never
    // wait for it. The only writer (SQLite) advances it in memory instead and writes the rows once
    // per batch, in the same transaction (docs/adr/0026-counters-written-once-per-batch.md).
    // Events are never deleted from the top (purged ones become empty), so the head never goes
    // back.
    @Override
    public long head(long userId) {
        return heads == null ? storedHead(userId) : heads.get(userId);
    }

    private long storedHead(long userId) {
        return db.oneLong("SELECT pts FROM box_heads WHERE user_id = ?", 0, userId);
    }

    @Override
    public long append(long userId, BoxEvent e) {
        long pts =
                heads != null
                        ? heads.advance(userId, e.ptsCount())
                        : db.oneLong(
                                "INSERT INTO box_heads (user_id, pts) VALUES (?, ?) ON CONFLICT (user_id) "
                                        + "DO UPDATE SET pts = box_heads.pts + excluded.pts RETURNING pts",
                                -1,
                                userId,
                                e.ptsCount());
        db.update(
                "INSERT INTO box_events (user_id, pts, pts_count, kind, chat_id, message_id, data, date) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                userId,
                pts,
                e.ptsCount(),
                e.kind().code,
                e.chatId(),
                e.messageId(),
                e.data(),
                e.date());
        // Trimming now and then, in the appending transaction, keeps boxes bounded without a
        // background job that would hold up the writer. Clients further behind get too_long.
        if (pts % trimEvery == 0 && pts > retention) {
            db.update(
                    "DELETE FROM box_events WHERE user_id = ? AND pts <= ?",
                    userId,
                    trimmedUpTo(userId, pts, e.date()));
        }
        return pts;
    }

    /**
     * Where the trim of a box ends: past the newest {@code retention} events, except in a bot's box
     * (docs/adr/0015-bot-api.md). A bot cannot reload its state as a client does after too_long, so
     * its box loses past the count only what the bot confirmed, and beyond that only what is older
     * than {@link Bots#QUEUE_RETENTION}, measured from the event being appended (the writer's
     * clock). Both are oldest-first prefixes of the box, since its events are appended in time
     * order; the probe for the first event young enough walks only the events it then deletes.
     */
    private long trimmedUpTo(long userId, long head, long now) {
        long beyondCount = head - retention;
        long confirmed = db.oneLong("SELECT confirmed_pts FROM bots WHERE user_id = ?", -1, userId);
        if (confirmed < 0) {
            return beyondCount;
        }
        long young =
                db.oneLong(
                        "SELECT pts FROM box_events WHERE user_id = ? AND date >= ? "
                                + "ORDER BY pts LIMIT 1",
                        head + 1,
                        userId,
                        now - Bots.QUEUE_RETENTION.toSeconds());
        return Math.max(Math.min(beyondCount, confirmed), young - 1);
    }

    @Override
    public List<BoxEvent> after(long userId, long pts, int limit) {
        return db.list(
                "SELECT pts, pts_count, kind, chat_id, message_id, data, date FROM box_events "
                        + "WHERE user_id = ? AND pts > ? ORDER BY pts LIMIT ?",
                rs ->
                        new BoxEvent(
                                rs.getLong(1),
                                rs.getInt(2),
                                BoxEvent.Kind.of(rs.getInt(3)),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getBytes(6),
                                rs.getLong(7)),
                userId,
                pts,
                limit);
    }

    @Override
    public void purgeMessageEvents(long chatId, Collection<Long> messageIds) {
        for (long id : messageIds) {
            db.update(
                    "UPDATE box_events SET kind = 0, chat_id = 0, message_id = 0, data = ?, date = 0 "
                            + "WHERE chat_id = ? AND message_id = ?",
                    NOTHING,
                    chatId,
                    id);
        }
    }

    @Override
    public void clear(long userId) {
        db.update("DELETE FROM box_events WHERE user_id = ?", userId);
    }
}
