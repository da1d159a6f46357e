package org.chapar.server.store.jdbc;

import org.chapar.server.account.ServerKeys;

import java.util.function.Supplier;

final class JdbcServerKeys implements ServerKeys {
    private final JdbcStatements db;

    JdbcServerKeys(JdbcStatements db) {
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
