package org.chapar.server.store.jdbc;

import org.chapar.server.account.UsernameClaims;
import org.chapar.server.account.UsernameOwner;
import org.chapar.server.account.Usernames;

import java.util.Optional;

final class JdbcUsernameClaims implements UsernameClaims {
    private final JdbcStatements db;

    JdbcUsernameClaims(JdbcStatements db) {
        this.db = db;
    }

    @Override
    public Optional<UsernameOwner> owner(String username) {
        return db.one(
                "SELECT coalesce(user_id, 0), coalesce(chat_id, 0) FROM usernames"
                        + " WHERE skeleton = ?",
                rs -> new UsernameOwner(rs.getLong(1), rs.getLong(2)),
                Usernames.skeleton(username));
    }

    @Override
    public boolean claim(String username, UsernameOwner owner) {
        Optional<UsernameOwner> holder = owner(username);
        if (holder.isPresent()) {
            return holder.get().equals(owner);
        }
        release(owner);
        // The primary key decides between concurrent writers; the loser's caller fails the write,
        // which undoes the release too.
        return db.update(
                        "INSERT INTO usernames (skeleton, user_id, chat_id) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        Usernames.skeleton(username),
                        owner.userId() == 0 ? null : owner.userId(),
                        owner.chatId() == 0 ? null : owner.chatId())
                == 1;
    }

    @Override
    public void release(UsernameOwner owner) {
        if (owner.userId() != 0) {
            db.update("DELETE FROM usernames WHERE user_id = ?", owner.userId());
        } else {
            db.update("DELETE FROM usernames WHERE chat_id = ?", owner.chatId());
        }
    }
}
