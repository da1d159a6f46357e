package org.chapar.server.store.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.Accounts;

final class SqliteAccounts implements Accounts {
    private static final String COLUMNS = "id, username, display_name, password_hash, created, last_seen";
    private final Statements db;

    SqliteAccounts(Statements db) {
        this.db = db;
    }

    private static AccountRecord row(ResultSet rs) throws SQLException {
        return new AccountRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6));
    }

    @Override
    public long create(String username, String displayName, String passwordHash, long now) {
        return db.oneLong("INSERT INTO users (username, username_key, display_name, password_hash, created) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id", 0, username, key(username), displayName, passwordHash, now);
    }

    @Override
    public Optional<AccountRecord> byId(long id) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", SqliteAccounts::row, id);
    }

    @Override
    public Optional<AccountRecord> byUsername(String username) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE username_key = ?", SqliteAccounts::row, key(username));
    }

    @Override
    public List<AccountRecord> byIds(Collection<Long> ids) {
        List<AccountRecord> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            byId(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<AccountRecord> searchByPrefix(String prefix, int limit) {
        String from = key(prefix);
        // [from, from + U+FFFF) is the prefix range in the key's binary collation
        return db.list("SELECT " + COLUMNS + " FROM users WHERE username_key >= ? AND username_key < ? "
                + "ORDER BY username_key LIMIT ?", SqliteAccounts::row, from, from + '\uffff', limit);
    }

    @Override
    public void setLastSeen(long id, long lastSeen) {
        db.update("UPDATE users SET last_seen = ? WHERE id = ?", lastSeen, id);
    }

    @Override
    public void setDisplayName(long id, String displayName) {
        db.update("UPDATE users SET display_name = ? WHERE id = ?", displayName, id);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
