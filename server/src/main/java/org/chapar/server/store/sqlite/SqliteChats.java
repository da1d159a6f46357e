package org.chapar.server.store.sqlite;

import java.util.Optional;
import java.util.OptionalLong;
import org.chapar.server.message.Chats;

final class SqliteChats implements Chats {
    static final int KIND_PRIVATE = 1;
    private final Statements db;

    SqliteChats(Statements db) {
        this.db = db;
    }

    @Override
    public long privateChat(long userA, long userB, long now) {
        OptionalLong existing = findPrivateChat(userA, userB);
        if (existing.isPresent()) {
            return existing.getAsLong();
        }
        long chatId = db.oneLong("INSERT INTO chats (kind, created) VALUES (?, ?) RETURNING id", 0, KIND_PRIVATE, now);
        db.update("INSERT INTO private_chats (user_lo, user_hi, chat_id) VALUES (?, ?, ?)", Math.min(userA, userB),
                Math.max(userA, userB), chatId);
        return chatId;
    }

    @Override
    public OptionalLong findPrivateChat(long userA, long userB) {
        long id = db.oneLong("SELECT chat_id FROM private_chats WHERE user_lo = ? AND user_hi = ?", 0,
                Math.min(userA, userB), Math.max(userA, userB));
        return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public Optional<long[]> privateMembers(long chatId) {
        return db.one("SELECT user_lo, user_hi FROM private_chats WHERE chat_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, chatId);
    }

    @Override
    public long nextMessageId(long chatId) {
        return db.oneLong("UPDATE chats SET last_message_id = last_message_id + 1 WHERE id = ? "
                + "RETURNING last_message_id", 0, chatId);
    }
}
