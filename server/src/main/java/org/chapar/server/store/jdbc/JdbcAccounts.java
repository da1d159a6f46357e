package org.chapar.server.store.jdbc;

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

final class JdbcAccounts implements Accounts {
    private static final String COLUMNS =
            "id, username, display_name, password_hash, created, last_seen, bot";
    private static final int CACHE_SIZE = 100_000;
    private final JdbcStatements db;
    private final boolean arrays;
    private final JdbcUsernameClaims usernames;

    /**
     * The only writer's accounts by id, an entry dropped when its account changes; empty where
     * other nodes may change a row between two transactions of this one.
     */
    private final WriterCache<Long, AccountRecord> cache;

    JdbcAccounts(JdbcStatements db, JdbcUsernameClaims usernames, Dialect dialect, boolean writer) {
        this.db = db;
        this.usernames = usernames;
        this.arrays = dialect.bindsArrays();
        this.cache = WriterCache.of(writer && dialect.onlyWriter(), CACHE_SIZE);
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
        AccountRecord cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AccountRecord> found =
                db.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcAccounts::row, id);
        found.ifPresent(a -> cache.put(id, a));
        return found;
    }

    @Override
    public Optional<AccountRecord> byUsername(String username) {
        return db.one(
                "SELECT " + COLUMNS + " FROM users WHERE username_key = ?",
                JdbcAccounts::row,
                key(username));
    }

    @Override
    public List<AccountRecord> byIds(Collection<Long> ids) {
        if (!arrays) {
            // one by one, through the cache
            List<AccountRecord> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                byId(id).ifPresent(out::add);
            }
            return out;
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // one round trip for the whole list, in the order asked
        Map<Long, AccountRecord> found = new HashMap<>();
        for (AccountRecord a :
                db.list(
                        "SELECT " + COLUMNS + " FROM users WHERE id = ANY (?)",
                        JdbcAccounts::row,
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
                JdbcAccounts::row,
                from,
                from + '\uffff',
                limit);
    }

    @Override
    public void setLastSeen(long id, long lastSeen) {
        forget(id);
        db.update("UPDATE users SET last_seen = ? WHERE id = ?", lastSeen, id);
    }

    @Override
    public void setDisplayName(long id, String displayName) {
        forget(id);
        db.update("UPDATE users SET display_name = ? WHERE id = ?", displayName, id);
    }

    @Override
    public void setUsername(long id, String username) {
        forget(id);
        if (!usernames.claim(username, UsernameOwner.user(id))) {
            throw taken();
        }
        db.update(
                "UPDATE users SET username = ?, username_key = ? WHERE id = ?",
                username,
                key(username),
                id);
    }

    @Override
    public void retire(long id, String displayName) {
        forget(id);
        usernames.release(UsernameOwner.user(id));
        // '#' is in no username, so the key stays unique and no name looks it up
        db.update(
                "UPDATE users SET username = '', username_key = ?, display_name = ? WHERE id = ?",
                "#" + id,
                displayName,
                id);
    }

    void forgetAll() {
        cache.clear();
    }

    private void forget(long id) {
        cache.remove(id);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
