package org.chapar.server.store.sqlite;

import org.chapar.server.account.ServerKeys;

import java.util.function.Supplier;

final class SqliteServerKeys implements ServerKeys {
    private final Statements db;

    SqliteServerKeys(Statements db) {
        this.db = db;
    }

    @Override
    public byte[] getOrCreate(String name, Supplier<byte[]> fresh) {
        db.update(
                "INSERT INTO server_keys (name, key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                name,
                fresh.get());
        return db.one("SELECT key FROM server_keys WHERE name = ?", rs -> rs.getBytes(1), name)
                .orElseThrow();
    }
}
