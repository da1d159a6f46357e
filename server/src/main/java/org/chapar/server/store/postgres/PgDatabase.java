package org.chapar.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.chapar.server.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connections of a {@link PgStore}: one pool for the writers' sessions (read committed, as ADR
 * 0008 asks), one for readers (repeatable read, read only: one snapshot per read). Every connection
 * commits synchronously ({@code synchronous_commit=on}, whatever the server's default): a write is
 * acknowledged only once its commit is durable.
 */
final class PgDatabase implements AutoCloseable {
    /** How long a request waits for a connection while PostgreSQL is unreachable. */
    private static final long CONNECT_TIMEOUT_MS = 2_000;

    private final PgUrl url;
    private final int boxRetention;
    private final HikariDataSource writers;
    private final HikariDataSource readers;

    PgDatabase(PgUrl url, int writerCount, int readerCount, int boxRetention) {
        this.url = url;
        this.boxRetention = boxRetention;
        this.writers = pool(url, "chapar-writer", writerCount + 1, false);
        try {
            this.readers = pool(url, "chapar-reader", readerCount, true);
        } catch (RuntimeException e) {
            writers.close();
            throw e;
        }
    }

    private static HikariDataSource pool(PgUrl url, String name, int size, boolean reader) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        if (!url.password().isEmpty()) {
            c.setPassword(url.password());
        }
        c.setDataSourceProperties(driverProperties());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(size, 2));
        c.setAutoCommit(false);
        c.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        c.setValidationTimeout(1_000);
        // do not fail the start when the database is briefly away: the first request will tell
        c.setInitializationFailTimeout(-1);
        if (reader) {
            c.setReadOnly(true);
            c.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        } else {
            c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return new HikariDataSource(c);
    }

    static Properties driverProperties() {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "chapar");
        p.setProperty("options", "-c synchronous_commit=on");
        // a batch of inserts goes out as multi-row statements
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        // a vanished server (a cut network) is noticed without waiting for TCP to give up
        p.setProperty("socketTimeout", "30");
        return p;
    }

    /** Creates or upgrades the schema (db/postgresql); fails with a message that says why. */
    void migrate() {
        migrate(url);
    }

    static void migrate(PgUrl url) {
        try {
            Flyway.configure()
                    .dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/postgresql")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(
                    "cannot migrate the database " + url + ": " + e.getMessage(), e);
        }
    }

    Connection writerConnection() {
        return connection(writers);
    }

    Connection readerConnection() {
        return connection(readers);
    }

    private Connection connection(HikariDataSource pool) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw StoreException.unreachable(
                    "cannot reach the database " + url + ": " + e.getMessage(), e);
        }
    }

    /** Takes a failed connection out of its pool, so it is never handed out again. */
    void evict(Connection c) {
        writers.evictConnection(c);
    }

    int boxRetention() {
        return boxRetention;
    }

    PgUrl url() {
        return url;
    }

    @Override
    public void close() {
        readers.close();
        writers.close();
    }
}
