package org.chapar.server.store.jdbc;

import org.chapar.server.message.Chats;

import java.util.Optional;
import java.util.OptionalLong;

final class JdbcChats implements Chats {
    private static final int KIND_PRIVATE = 1;
    private static final int CACHE_SIZE = 200_000;
    private final JdbcStatements db;

    /** The writer's private chat ids by member pair: a pair's chat never changes once it exists. */
    private final WriterCache<Pair, Long> cache;

    /** The last message ids as the only writer advances them, written once per batch; or null. */
    private final BatchCounters lastIds;

    private record Pair(long lo, long hi) {}

    /** {@code onlyWriter}: the session is the database's only writer ({@link BatchCounters}). */
    JdbcChats(JdbcStatements db, boolean writer, boolean onlyWriter) {
        this.db = db;
        this.cache = WriterCache.of(writer, CACHE_SIZE);
        this.lastIds =
                onlyWriter
                        ? new BatchCounters(
                                db,
                                chatId ->
                                        db.oneLong(
                                                "SELECT last_message_id FROM chats WHERE id = ?",
                                                0,
                                                chatId),
                                n ->
                                        "UPDATE chats SET last_message_id = v.column2 FROM (VALUES "
                                                + BatchCounters.rows(n)
                                                + ") AS v WHERE chats.id = v.column1")
                        : null;
    }

    BatchCounters lastIds() {
        return lastIds;
    }

    void forgetAll() {
        cache.clear();
    }

    @Override
    public long privateChat(long userA, long userB, long now) {
        OptionalLong existing = findPrivateChat(userA, userB);
        if (existing.isPresent()) {
            return existing.getAsLong();
        }
        long chatId =
                db.oneLong(
                        "INSERT INTO chats (kind, created) VALUES (?, ?) RETURNING id",
                        0,
                        KIND_PRIVATE,
                        now);
        db.update(
                "INSERT INTO private_chats (user_lo, user_hi, chat_id) VALUES (?, ?, ?)",
                Math.min(userA, userB),
                Math.max(userA, userB),
                chatId);
        return chatId;
    }

    @Override
    public OptionalLong findPrivateChat(long userA, long userB) {
        Pair pair = new Pair(Math.min(userA, userB), Math.max(userA, userB));
        Long cached = cache.get(pair);
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        long id =
                db.oneLong(
                        "SELECT chat_id FROM private_chats WHERE user_lo = ? AND user_hi = ?",
                        0,
                        pair.lo(),
                        pair.hi());
        if (id == 0) {
            return OptionalLong.empty();
        }
        cache.put(pair, id);
        return OptionalLong.of(id);
    }

    @Override
    public Optional<long[]> privateMembers(long chatId) {
        return db.one(
                "SELECT user_lo, user_hi FROM private_chats WHERE chat_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                chatId);
    }

    @Override
    public long nextMessageId(long chatId) {
        if (lastIds != null) {
            return lastIds.advance(chatId, 1);
        }
        return db.oneLong(
                "UPDATE chats SET last_message_id = last_message_id + 1 WHERE id = ? "
                        + "RETURNING last_message_id",
                0,
                chatId);
    }
}
