package org.chapar.server.store.sqlite;

import org.chapar.server.store.DataDirException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What is checked before a server uses the database in its data directory, and the schema migration
 * itself. Each refusal says in plain words what is wrong and what to do, because the operator
 * reading it may never have heard of SQLite or Flyway.
 */
final class StartChecks {
    private static final String RESTORE = "restore the last backup (docs/operations.md, Restore)";

    private StartChecks() {}

    /** Checks the existing database, if any, then creates or migrates it. */
    static void checkAndMigrate(SqliteFile file) {
        boolean exists = Files.exists(file.path());
        if (exists) {
            refuseEmpty(file);
            quickCheck(file);
        }
        Flyway flyway =
                Flyway.configure()
                        .dataSource(file.url(), null, null)
                        .locations("classpath:db/sqlite")
                        .loggers("slf4j")
                        .load();
        try {
            if (exists) {
                refuseNewerSchema(file, flyway);
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw plain(file, "cannot prepare the database", e);
        }
    }

    // SQLite takes a 0-byte file for a new database and would fill it with an empty schema.
    private static void refuseEmpty(SqliteFile file) {
        try {
            if (Files.size(file.path()) == 0) {
                throw new DataDirException(
                        file.path().toAbsolutePath()
                                + " is empty (0 bytes), so it holds no accounts or messages; the"
                                + " server will not start on it as if it were new. If the data"
                                + " was lost, "
                                + RESTORE
                                + "; to start a new, empty server on purpose, delete the file.");
            }
        } catch (IOException e) {
            throw new DataDirException("cannot read " + file.path().toAbsolutePath() + ": " + e, e);
        }
    }

    // Without this a damaged database starts and serves, failing only the requests that happen
    // to touch a bad page, long after the damage.
    private static void quickCheck(SqliteFile file) {
        List<String> problems = new ArrayList<>();
        try (Connection c = SqliteSession.connect(file, false);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw plain(file, "cannot check the database", e);
        }
        if (!problems.equals(List.of("ok"))) {
            throw damaged(file, String.join("; ", problems));
        }
    }

    // Flyway only warns about migrations it does not know, and the old code would then run on a
    // schema it was not written for.
    private static void refuseNewerSchema(SqliteFile file, Flyway flyway) {
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS) {
                throw new DataDirException(
                        file.path().toAbsolutePath()
                                + " was written by a newer version of Chapar (it has schema"
                                + " version "
                                + m.getVersion()
                                + ", \""
                                + m.getDescription()
                                + "\", which this server does not know). Run that newer version,"
                                + " or restore a backup made by this version (docs/operations.md,"
                                + " Restore).");
            }
        }
    }

    private static DataDirException damaged(SqliteFile file, String found) {
        return new DataDirException(
                file.path().toAbsolutePath()
                        + " is damaged (SQLite's check found: "
                        + found
                        + "). Requests touching the damaged parts would fail, so the server does"
                        + " not start. Stop writing to it; "
                        + RESTORE
                        + ", or save what can still be read with: sqlite3 chapar.db .recover |"
                        + " sqlite3 recovered.db (then start on recovered.db as chapar.db).");
    }

    /** A start failure in the operator's words, from SQLite's result code under it. */
    static DataDirException plain(SqliteFile file, String doing, Throwable e) {
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
            }
        }
        String db = file.path().toAbsolutePath().toString();
        String dir = file.path().toAbsolutePath().getParent().toString();
        int code = sql == null ? -1 : SqliteFault.code(sql);
        if (code == 11) {
            return damaged(file, sql.getMessage());
        }
        String why =
                switch (code) {
                    case 26 ->
                            db
                                    + " is not a Chapar database (not an SQLite file). Was another file"
                                    + " copied there? Put the right file back, or "
                                    + RESTORE
                                    + ".";
                    case 8, 3 ->
                            db
                                    + " cannot be written by this server's user: give it write"
                                    + " permission on the file and on "
                                    + dir
                                    + " (which holds chapar.db-wal and chapar.db-shm).";
                    case 14 ->
                            "cannot open "
                                    + db
                                    + ": check that "
                                    + dir
                                    + " exists and that this"
                                    + " server's user may read and write it.";
                    case 13 ->
                            "the disk holding " + dir + " is full: free space, then start again.";
                    case 5, 6 ->
                            db
                                    + " is locked by another program (an sqlite3 shell, a backup"
                                    + " tool?): close it, then start again.";
                    case 10 ->
                            "the disk reported an I/O error on "
                                    + db
                                    + ": check the disk (dmesg);"
                                    + " if the file is damaged, "
                                    + RESTORE
                                    + ".";
                    default -> null;
                };
        if (why == null) {
            why = doing + " in " + dir + ": " + e.getMessage();
        }
        return new DataDirException(why, e);
    }
}
