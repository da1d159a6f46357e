package org.chapar.server;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.LocalBus;
import org.chapar.server.bus.nats.NatsBus;
import org.chapar.server.store.DataDirException;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreException;
import org.chapar.server.store.postgres.PgStore;
import org.chapar.server.store.postgres.PgUrl;
import org.chapar.server.store.sqlite.SqliteStore;

import java.io.IOException;

/** Which store and bus a node runs on, from its configuration: embedded, or a cluster's. */
final class NodeAdapters {
    private NodeAdapters() {}

    /** Embedded SQLite in the data directory, or PostgreSQL when the configuration names one. */
    static Store openStore(ServerConfig config) {
        if (config.store().isEmpty()) {
            return SqliteStore.open(
                    config.dataDir(), config.readers(), config.fullSync(), config.tooLongBound());
        }
        PgUrl url;
        try {
            url = PgUrl.parse(config.store());
        } catch (IllegalArgumentException e) {
            throw new DataDirException("--store: " + e.getMessage());
        }
        try {
            return PgStore.open(url, 1, config.readers(), config.tooLongBound());
        } catch (StoreException e) {
            throw new DataDirException(e.getMessage(), e);
        }
    }

    /** The in-process bus, or NATS when the configuration names a server (cluster mode). */
    static Bus openBus(ServerConfig config, long node) {
        if (config.bus().isEmpty()) {
            return new LocalBus();
        }
        try {
            return NatsBus.connect(config.bus(), config.busPrefix(), node);
        } catch (IOException e) {
            throw new BusUnreachableException(config.bus(), e);
        }
    }
}
