package org.chapar.server.store.jdbc;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.server.account.UsernameOwner;
import org.chapar.server.account.Usernames;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.SharedChats;
import org.chapar.server.core.ApiException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class JdbcSharedChats implements SharedChats {
    private static final String COLUMNS =
            "s.chat_id, c.kind, s.title, s.about, s.username, s.creator_id, s.signatures, "
                    + "s.slow_mode, s.default_banned, s.pts, s.members_count, s.pinned_id, s.created";
    private static final String FROM = " FROM shared_chats s JOIN chats c ON c.id = s.chat_id";
    private final JdbcStatements db;
    private final JdbcUsernameClaims usernames;
    private final boolean writer;

    // On a writer, unconditional member-count changes (joining a channel, which has no seat
    // limit; leaving; the creator) wait for the commit and go as one statement per chat: written
    // at once, a popular channel's row is held from a batch's first join to its commit, and on
    // PostgreSQL every other node's batch queues behind it (about 40 joins a second into one
    // channel across six nodes, docs/benchmarks.md). Reads in the transaction see them.
    private final Map<Long, Integer> kept = new TreeMap<>(); // chat id order: no two commits
    // lock the same chats' rows in opposite orders
    private final Map<Long, Integer> call = new HashMap<>(); // the running call's, until kept

    JdbcSharedChats(JdbcStatements db, JdbcUsernameClaims usernames, boolean writer) {
        this.db = db;
        this.usernames = usernames;
        this.writer = writer;
    }

    /** A call begins: its count changes are its own until it is kept. */
    void callStarted() {
        call.clear();
    }

    void callKept() {
        call.forEach((chatId, delta) -> kept.merge(chatId, delta, Integer::sum));
        call.clear();
    }

    void callRolledBack() {
        call.clear();
    }

    boolean countsPending() {
        return !kept.isEmpty();
    }

    /** Writes the kept count changes, just before the commit. */
    void writeCounts() {
        kept.forEach(
                (chatId, delta) -> {
                    if (delta != 0) {
                        db.update(
                                "UPDATE shared_chats SET members_count = members_count + ?"
                                        + " WHERE chat_id = ?",
                                delta,
                                chatId);
                    }
                });
        kept.clear();
    }

    /** Members the chat has beyond its row: count changes of this transaction not written yet. */
    private int pending(long chatId) {
        return kept.getOrDefault(chatId, 0) + call.getOrDefault(chatId, 0);
    }

    private Optional<ChatRecord> counted(Optional<ChatRecord> c) {
        if (c.isEmpty() || kept.isEmpty() && call.isEmpty()) {
            return c;
        }
        int delta = pending(c.get().id());
        return delta == 0 ? c : Optional.of(c.get().withMoreMembers(delta));
    }

    private static ChatRecord row(ResultSet rs) throws SQLException {
        return new ChatRecord(
                rs.getLong(1),
                ChatKind.forNumber(rs.getInt(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5) == null ? "" : rs.getString(5),
                rs.getLong(6),
                rs.getInt(7) != 0,
                rs.getInt(8),
                rs.getInt(9),
                rs.getLong(10),
                rs.getInt(11),
                rs.getLong(12),
                rs.getLong(13));
    }

    @Override
    public long create(ChatRecord c) {
        if (!c.username().isEmpty() && usernames.owner(c.username()).isPresent()) {
            throw occupied(c.username());
        }
        long id =
                db.oneLong(
                        "INSERT INTO chats (kind, created) VALUES (?, ?) RETURNING id",
                        0,
                        c.kind().getNumber(),
                        c.created());
        db.update(
                "INSERT INTO shared_chats (chat_id, title, about, username, username_key, creator_id, signatures, "
                        + "slow_mode, default_banned, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                c.title(),
                c.about(),
                name(c.username()),
                key(c.username()),
                c.creatorId(),
                c.signatures(),
                c.slowMode(),
                c.defaultBanned(),
                c.created());
        claim(id, c.username());
        return id;
    }

    /** Keeps the shared namespace in step with the chat's username. */
    private void claim(long chatId, String username) {
        if (username.isEmpty()) {
            usernames.release(UsernameOwner.chat(chatId));
        } else if (!usernames.claim(username, UsernameOwner.chat(chatId))) {
            throw occupied(username);
        }
    }

    private static ApiException occupied(String username) {
        return new ApiException(ErrorCode.USERNAME_OCCUPIED, "@" + username + " is taken");
    }

    @Override
    public Optional<ChatRecord> get(long chatId) {
        return counted(
                db.one(
                        "SELECT " + COLUMNS + FROM + " WHERE s.chat_id = ?",
                        JdbcSharedChats::row,
                        chatId));
    }

    @Override
    public Optional<ChatRecord> byUsername(String username) {
        return counted(
                db.one(
                        "SELECT "
                                + COLUMNS
                                + FROM
                                + " WHERE s.chat_id = (SELECT chat_id FROM usernames WHERE skeleton = ?)",
                        JdbcSharedChats::row,
                        Usernames.skeleton(username)));
    }

    @Override
    public void update(ChatRecord c) {
        claim(c.id(), c.username());
        db.update("UPDATE chats SET kind = ? WHERE id = ?", c.kind().getNumber(), c.id());
        db.update(
                "UPDATE shared_chats SET title = ?, about = ?, username = ?, username_key = ?, signatures = ?, "
                        + "slow_mode = ?, default_banned = ?, pinned_id = ? WHERE chat_id = ?",
                c.title(),
                c.about(),
                name(c.username()),
                key(c.username()),
                c.signatures(),
                c.slowMode(),
                c.defaultBanned(),
                c.pinnedId(),
                c.id());
    }

    @Override
    public java.util.List<ChatRecord> searchByPrefix(String prefix, int limit) {
        String from = prefix.toLowerCase(Locale.ROOT);
        return db.list(
                "SELECT "
                        + COLUMNS
                        + FROM
                        + " WHERE s.username_key >= ? AND s.username_key < ? "
                        + "ORDER BY s.username_key LIMIT ?",
                JdbcSharedChats::row,
                from,
                from + '\uffff',
                limit);
    }

    @Override
    public void addMembers(long chatId, int delta) {
        if (writer) {
            call.merge(chatId, delta, Integer::sum);
        } else {
            db.update(
                    "UPDATE shared_chats SET members_count = members_count + ? WHERE chat_id = ?",
                    delta,
                    chatId);
        }
    }

    @Override
    public boolean addMember(long chatId, int limit) {
        // the seat is taken at once, against the row plus this transaction's changes not written
        return db.update(
                        "UPDATE shared_chats SET members_count = members_count + 1"
                                + " WHERE chat_id = ? AND members_count < ?",
                        chatId,
                        (long) limit - pending(chatId))
                > 0;
    }

    private static String name(String username) {
        return username == null || username.isEmpty() ? null : username;
    }

    private static String key(String username) {
        return username == null || username.isEmpty() ? null : username.toLowerCase(Locale.ROOT);
    }
}
