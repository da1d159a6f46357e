package org.chapar.server.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the PostgreSQL store is: {@code postgresql://user[:password]@host[:port]/database}, as
 * given to {@code --store}, {@code store} in the config file or {@code CHAPAR_STORE}.
 */
public record PgUrl(String host, int port, String database, String user, String password) {
    public PgUrl {
        if (host.isEmpty() || database.isEmpty() || user.isEmpty()) {
            throw new IllegalArgumentException("needs a user, a host and a database");
        }
    }

    /** Whether {@code store} names a PostgreSQL database (rather than nothing: embedded SQLite). */
    public static boolean isPostgres(String store) {
        return store != null
                && (store.startsWith("postgresql://") || store.startsWith("postgres://"));
    }

    /**
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    public static PgUrl parse(String store) {
        if (!isPostgres(store)) {
            throw new IllegalArgumentException(
                    "a store is postgresql://user@host:port/database, not " + store);
        }
        URI uri;
        try {
            uri = new URI(store);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
        }
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            throw new IllegalArgumentException(
                    "name the database user: postgresql://USER@host:port/database");
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? "" : decode(info.substring(colon + 1));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (uri.getHost() == null || database.isEmpty()) {
            throw new IllegalArgumentException(
                    "name the host and the database: postgresql://user@HOST:port/DATABASE");
        }
        return new PgUrl(
                uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL without the password, for logs and messages. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
