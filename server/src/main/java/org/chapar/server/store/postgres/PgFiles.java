package org.chapar.server.store.postgres;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.media.FileRecord;
import org.chapar.server.media.Files;
import org.chapar.server.media.ThumbRecord;

import java.util.List;
import java.util.Optional;

/**
 * Files and content on PostgreSQL, with writers on several nodes at READ COMMITTED (docs/adr/0008,
 * ADR 0016). Every reference count moves by one relative update, which holds the row's lock until
 * the commit; every delete carries its own condition, which PostgreSQL re-checks against the newest
 * committed row after waiting for that lock. So a purge racing an attach on another node either
 * sees the new reference and keeps the file, or deletes it first and the attach finds it gone.
 */
final class PgFiles implements Files {
    private final Statements db;

    PgFiles(Statements db) {
        this.db = db;
    }

    @Override
    public String adoptBlob(String sha256, String key, long size) {
        // one statement: the primary key decides which copy of two racing nodes is kept, and a
        // blob being purged meanwhile is either still counted or already gone (then this inserts)
        String kept =
                db.one(
                                "INSERT INTO blobs (sha256, key, size, refs) VALUES (?, ?, ?, 1) "
                                        + "ON CONFLICT (sha256) DO UPDATE SET refs = blobs.refs + 1 "
                                        + "RETURNING key",
                                rs -> rs.getString(1),
                                sha256,
                                key,
                                size)
                        .orElseThrow();
        if (!kept.equals(key)) {
            queuePurge(key);
        }
        return kept;
    }

    private void queuePurge(String key) {
        db.update("INSERT INTO blob_purges (key) VALUES (?) ON CONFLICT DO NOTHING", key);
    }

    @Override
    public void create(FileRecord f) {
        db.update(
                "INSERT INTO files (id, sha256, size, mime, name, width, height, created, refs) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.id(),
                f.sha256(),
                f.size(),
                f.mime(),
                f.name(),
                f.width(),
                f.height(),
                f.created(),
                f.refs());
    }

    @Override
    public Optional<FileRecord> get(String id) {
        return db.one(
                "SELECT f.id, f.sha256, b.key, f.size, f.mime, f.name, f.width, f.height, "
                        + "f.created, f.refs FROM files f JOIN blobs b ON b.sha256 = f.sha256 "
                        + "WHERE f.id = ?",
                rs ->
                        new FileRecord(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7),
                                rs.getInt(8),
                                rs.getLong(9),
                                rs.getInt(10)),
                id);
    }

    @Override
    public void addThumb(ThumbRecord t) {
        db.update(
                "INSERT INTO file_thumbs (file_id, type, sha256, width, height, size) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                t.fileId(),
                t.type(),
                t.sha256(),
                t.width(),
                t.height(),
                t.size());
    }

    @Override
    public List<ThumbRecord> thumbs(String fileId) {
        return db.list(
                "SELECT t.file_id, t.type, t.sha256, b.key, t.width, t.height, t.size "
                        + "FROM file_thumbs t JOIN blobs b ON b.sha256 = t.sha256 "
                        + "WHERE t.file_id = ? ORDER BY t.width",
                rs ->
                        new ThumbRecord(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getLong(7)),
                fileId);
    }

    @Override
    public void attach(long chatId, long messageId, String fileId) {
        // the reference is taken first, under the file row's lock: a file another node purged
        // since this transaction looked (a forward of a message deleted meanwhile) is refused
        // before anything is written, so a message never names a file that is gone
        if (db.update("UPDATE files SET refs = refs + 1 WHERE id = ?", fileId) == 0) {
            throw new ApiException(ErrorCode.FILE_NOT_FOUND, "That file no longer exists");
        }
        // the key counts a message once: a second attach gives its reference back
        if (db.update(
                        "INSERT INTO message_files (chat_id, message_id, file_id) VALUES (?, ?, ?) "
                                + "ON CONFLICT DO NOTHING",
                        chatId,
                        messageId,
                        fileId)
                == 0) {
            db.update("UPDATE files SET refs = refs - 1 WHERE id = ?", fileId);
        }
    }

    @Override
    public void detachMessage(long chatId, long messageId) {
        List<String> used =
                db.list(
                        "DELETE FROM message_files WHERE chat_id = ? AND message_id = ? "
                                + "RETURNING file_id",
                        rs -> rs.getString(1),
                        chatId,
                        messageId);
        for (String fileId : used) {
            db.update("UPDATE files SET refs = refs - 1 WHERE id = ?", fileId);
            purgeIfUnused(fileId);
        }
    }

    @Override
    public boolean purgeIfUnused(String fileId) {
        // the condition is part of the delete, so it is judged on the newest committed row: a
        // reference another node added meanwhile keeps the file
        Optional<String> sha =
                db.one(
                        "DELETE FROM files f WHERE f.id = ? AND f.refs <= 0 "
                                + "AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.file_id = f.id) "
                                + "RETURNING f.sha256",
                        rs -> rs.getString(1),
                        fileId);
        if (sha.isEmpty()) {
            return false;
        }
        List<String> shas =
                db.list(
                        "DELETE FROM file_thumbs WHERE file_id = ? RETURNING sha256",
                        rs -> rs.getString(1),
                        fileId);
        shas.add(sha.get());
        for (String s : shas) {
            release(s);
        }
        return true;
    }

    /** One reference fewer on the blob; the last one queues it for purge. */
    private void release(String sha256) {
        // the update keeps the row locked until the commit, so the delete below sees the count
        // every other node left, and an adoptBlob elsewhere waits and then inserts a new copy
        db.update("UPDATE blobs SET refs = refs - 1 WHERE sha256 = ?", sha256);
        db.one(
                        "DELETE FROM blobs WHERE sha256 = ? AND refs <= 0 RETURNING key",
                        rs -> rs.getString(1),
                        sha256)
                .ifPresent(this::queuePurge);
    }

    @Override
    public boolean visibleTo(String fileId, long userId) {
        return db.oneLong(
                        "SELECT 1 FROM message_files mf JOIN chats c ON c.id = mf.chat_id "
                                + "WHERE mf.file_id = ? AND ("
                                + " (EXISTS (SELECT 1 FROM private_chats p WHERE p.chat_id = c.id"
                                + "   AND (p.user_lo = ? OR p.user_hi = ?))"
                                + "  AND NOT EXISTS (SELECT 1 FROM hidden_messages h"
                                + "   WHERE h.user_id = ? AND h.chat_id = mf.chat_id"
                                + "   AND h.message_id = mf.message_id))"
                                + " OR EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = c.id"
                                + "   AND m.user_id = ? AND m.status IN (1, 2, 3)"
                                + "   AND NOT EXISTS (SELECT 1 FROM hidden_messages h"
                                + "    WHERE h.user_id = ? AND h.chat_id = mf.chat_id"
                                + "    AND h.message_id = mf.message_id))) LIMIT 1",
                        0,
                        fileId,
                        userId,
                        userId,
                        userId,
                        userId,
                        userId)
                == 1;
    }

    @Override
    public List<String> blobPurges(int limit) {
        return db.list("SELECT key FROM blob_purges LIMIT ?", rs -> rs.getString(1), limit);
    }

    @Override
    public void blobPurged(String key) {
        db.update("DELETE FROM blob_purges WHERE key = ?", key);
    }
}
