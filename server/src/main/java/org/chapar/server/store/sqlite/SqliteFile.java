package org.chapar.server.store.sqlite;

import java.nio.file.Path;

/**
 * The database file and how every connection to it is set up.
 *
 * @param boxRetention each update box keeps at least its newest this many events
 */
record SqliteFile(Path path, boolean fullSync, int boxRetention) {
    String url() {
        return "jdbc:sqlite:" + path.toAbsolutePath();
    }
}
