package org.chapar.server.store.jdbc;

import org.chapar.server.media.UploadRecord;
import org.chapar.server.media.Uploads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The offset moves by one conditional update (docs/adr/0008): under PostgreSQL's READ COMMITTED the
 * second of two racing PATCHes on different nodes waits for the first's row lock, re-checks {@code
 * received} against the committed row and changes nothing.
 */
final class JdbcUploads implements Uploads {
    private static final String COLUMNS =
            "id, user_id, length, received, metadata, name, mime, created, expires, file_id";
    private final JdbcStatements db;

    JdbcUploads(JdbcStatements db) {
        this.db = db;
    }

    private static UploadRecord row(ResultSet rs) throws SQLException {
        return new UploadRecord(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getString(10));
    }

    @Override
    public void create(UploadRecord u) {
        db.update(
                "INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.id(),
                u.userId(),
                u.length(),
                u.received(),
                u.metadata(),
                u.name(),
                u.mime(),
                u.created(),
                u.expires(),
                u.fileId());
    }

    @Override
    public Optional<UploadRecord> get(String id) {
        return db.one("SELECT " + COLUMNS + " FROM uploads WHERE id = ?", JdbcUploads::row, id);
    }

    @Override
    public boolean advance(String id, long from, long to, long expires) {
        return db.update(
                        "UPDATE uploads SET received = ?, expires = ? "
                                + "WHERE id = ? AND received = ? AND file_id IS NULL",
                        to,
                        expires,
                        id,
                        from)
                == 1;
    }

    @Override
    public void finish(String id, String fileId, long expires) {
        db.update("UPDATE uploads SET file_id = ?, expires = ? WHERE id = ?", fileId, expires, id);
    }

    @Override
    public Optional<UploadRecord> delete(String id) {
        return db.one(
                "DELETE FROM uploads WHERE id = ? RETURNING " + COLUMNS, JdbcUploads::row, id);
    }

    @Override
    public int countOpen(long userId, long now) {
        return (int)
                db.oneLong(
                        "SELECT count(*) FROM uploads "
                                + "WHERE user_id = ? AND file_id IS NULL AND expires > ?",
                        0,
                        userId,
                        now);
    }

    @Override
    public List<UploadRecord> expired(long now, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM uploads WHERE expires <= ? ORDER BY expires LIMIT ?",
                JdbcUploads::row,
                now,
                limit);
    }
}
