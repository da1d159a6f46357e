package org.chapar.server.store.sqlite;

import org.chapar.server.media.FileRecord;
import org.chapar.server.media.Files;
import org.chapar.server.media.ThumbRecord;

import java.util.List;
import java.util.Optional;

final class SqliteFiles implements Files {
    private final Statements db;

    SqliteFiles(Statements db) {
        this.db = db;
    }

    @Override
    public String adoptBlob(String sha256, String key, long size) {
        db.update(
                "INSERT INTO blobs (sha256, key, size, refs) VALUES (?, ?, ?, 0) "
                        + "ON CONFLICT (sha256) DO NOTHING",
                sha256,
                key,
                size);
        String kept =
                db.one(
                                "UPDATE blobs SET refs = refs + 1 WHERE sha256 = ? RETURNING key",
                                rs -> rs.getString(1),
                                sha256)
                        .orElseThrow();
        if (!kept.equals(key)) {
            db.update("INSERT OR IGNORE INTO blob_purges (key) VALUES (?)", key);
        }
        return kept;
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
        if (db.update(
                        "INSERT OR IGNORE INTO message_files (chat_id, message_id, file_id) "
                                + "VALUES (?, ?, ?)",
                        chatId,
                        messageId,
                        fileId)
                == 1) {
            db.update("UPDATE files SET refs = refs + 1 WHERE id = ?", fileId);
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
        boolean unused =
                db.oneLong(
                                "SELECT 1 FROM files f WHERE f.id = ? AND f.refs <= 0 "
                                        + "AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.file_id = f.id)",
                                0,
                                fileId)
                        == 1;
        if (!unused) {
            return false;
        }
        List<String> shas =
                db.list(
                        "DELETE FROM file_thumbs WHERE file_id = ? RETURNING sha256",
                        rs -> rs.getString(1),
                        fileId);
        db.one("DELETE FROM files WHERE id = ? RETURNING sha256", rs -> rs.getString(1), fileId)
                .ifPresent(shas::add);
        for (String sha : shas) {
            release(sha);
        }
        return true;
    }

    /** One reference fewer on the blob; the last one queues it for purge. */
    private void release(String sha256) {
        db.update("UPDATE blobs SET refs = refs - 1 WHERE sha256 = ?", sha256);
        db.one(
                        "DELETE FROM blobs WHERE sha256 = ? AND refs <= 0 RETURNING key",
                        rs -> rs.getString(1),
                        sha256)
                .ifPresent(
                        key ->
                                db.update(
                                        "INSERT OR IGNORE INTO blob_purges (key) VALUES (?)", key));
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
