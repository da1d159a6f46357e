package org.chapar.server.store.sqlite;

import org.flywaydb.core.Flyway;

import java.nio.file.Path;

/** A data directory at an older schema version, for tests of what a later migration does. */
final class OlderSchema {
    private OlderSchema() {}

    /** Migrates {@code dir}'s database up to {@code version}; returns its JDBC URL. */
    static String migratedTo(Path dir, String version) {
        String url = "jdbc:sqlite:" + dir.resolve("chapar.db").toAbsolutePath();
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/sqlite")
                .target(version)
                .load()
                .migrate();
        return url;
    }
}
