package org.chapar.server.store.postgres;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.Accounts;
import org.chapar.server.account.UsernameOwner;
import org.chapar.server.core.ApiException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

final class PgAccounts implements Accounts {
    private static final String COLUMNS =
            "id, username, display_name, password_hash, created, last_seen, bot";
    private final Statements db;
    private final PgUsernameClaims usernames;

    // No cache of accounts: another node may change a row between two transactions of this one.
    PgAccounts(Statements db, PgUsernameClaims usernames) {
        this.db = db;
        this.usernames = usernames;
    }

    private static AccountRecord row(ResultSet rs) throws SQLException {
        return new AccountRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getInt(7) != 0);
    }

    @Override
    public long create(String username, String displayName, String passwordHash, long now) {
        if (usernames.owner(username).isPresent()) {
            throw taken();
        }
        long id =
                db.oneLong(
                        "INSERT INTO users (username, username_key, display_name, password_hash, created) "
                                + "VALUES (?, ?, ?, ?, ?) RETURNING id",
                        0,
                        username,
                        key(username),
                        displayName,
                        passwordHash,
                        now);
        if (!usernames.claim(username, UsernameOwner.user(id))) {
            throw taken();
        }
        return id;
    }

    private static ApiException taken() {
        return new ApiException(ErrorCode.USERNAME_TAKEN, "That username is taken");
    }

    @Override
    public Optional<AccountRecord> byId(long id) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", PgAccounts::row, id);
    }

    @Override
    public Optional<AccountRecord> byUsername(String username) {
        return db.one(
                "SELECT " + COLUMNS + " FROM users WHERE username_key = ?",
                PgAccounts::row,
                key(username));
    }

    @Override
    public List<AccountRecord> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // one round trip for the whole list, in the order asked
        Map<Long, AccountRecord> found = new HashMap<>();
        for (AccountRecord a :
                db.list(
                        "SELECT " + COLUMNS + " FROM users WHERE id = ANY (?)",
                        PgAccounts::row,
                        ids.stream().mapToLong(Long::longValue).toArray())) {
            found.put(a.id(), a);
        }
        List<AccountRecord> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            AccountRecord a = found.get(id);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public List<AccountRecord> searchByPrefix(String prefix, int limit) {
        String from = key(prefix);
        // [from, from + U+FFFF) is the prefix range in the key's binary collation
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM users WHERE username_key >= ? AND username_key < ? "
                        + "ORDER BY username_key LIMIT ?",
                PgAccounts::row,
                from,
                from + '\uffff',
                limit);
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
