package org.chapar.server.store.jdbc;

import org.chapar.server.account.AuthorSeeds;

import java.util.Optional;

final class JdbcAuthorSeeds implements AuthorSeeds {
    private final JdbcStatements db;

    JdbcAuthorSeeds(JdbcStatements db) {
        this.db = db;
    }

    @Override
    public void create(long userId, byte[] seed) {
        db.update("INSERT INTO author_seeds (user_id, seed) VALUES (?, ?)", userId, seed);
    }

    @Override
    public Optional<byte[]> get(long userId) {
        return db.one(
                "SELECT seed FROM author_seeds WHERE user_id = ?", rs -> rs.getBytes(1), userId);
    }
}
