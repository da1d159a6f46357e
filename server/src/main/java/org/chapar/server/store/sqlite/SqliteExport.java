package org.chapar.server.store.sqlite;

import org.chapar.server.store.DataDirException;
import org.chapar.server.store.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Read access to a whole stopped deployment, for moving it to another store (chapar admin migrate):
 * the data directory is locked for the duration, so no server writes beside the copy, and the
 * schema is brought to the current version first, as a server start would.
 */
public final class SqliteExport {
    private SqliteExport() {}

    /** What reads the database: one connection in one read transaction (one snapshot). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Connection c) throws SQLException;
    }

    public static <T> T read(Path dataDir, Reader<T> reader) {
        SqliteFile file = new SqliteFile(dataDir.resolve("chapar.db"), true, 0);
        if (!Files.isRegularFile(file.path())) {
            throw new DataDirException(
                    "there is no database to migrate: no " + file.path().toAbsolutePath());
        }
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            StartChecks.checkAndMigrate(file);
            try (Connection c = SqliteSession.connect(file, true)) {
                c.setAutoCommit(false);
                T result = reader.read(c);
                c.rollback();
                return result;
            } catch (SQLException e) {
                throw new StoreException("cannot read " + file.path() + ": " + e.getMessage(), e);
            }
        }
    }
}
