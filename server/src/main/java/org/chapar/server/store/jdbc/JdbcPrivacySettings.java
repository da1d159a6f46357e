package org.chapar.server.store.jdbc;

import org.chapar.protocol.PrivacyAudience;
import org.chapar.server.privacy.Privacy;
import org.chapar.server.privacy.PrivacySettings;

final class JdbcPrivacySettings implements PrivacySettings {
    private static final int CACHE_SIZE = 100_000;
    private final JdbcStatements db;

    /**
     * The only writer's settings by user, defaults included: every rendered user's status asks for
     * them. {@link #put} is the only change of the table and updates the entry. Empty where another
     * node may change the settings between two transactions of this one.
     */
    private final WriterCache<Long, Privacy> cache;

    JdbcPrivacySettings(JdbcStatements db, Dialect dialect, boolean writer) {
        this.db = db;
        this.cache = WriterCache.of(writer && dialect.onlyWriter(), CACHE_SIZE);
    }

    @Override
    public Privacy get(long userId) {
        Privacy cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        Privacy p =
                db.one(
                                "SELECT last_seen, group_invites FROM privacy_settings WHERE user_id = ?",
                                rs ->
                                        new Privacy(
                                                PrivacyAudience.forNumber(rs.getInt(1)),
                                                PrivacyAudience.forNumber(rs.getInt(2))),
                                userId)
                        .orElse(Privacy.DEFAULT);
        cache.put(userId, p);
        return p;
    }

    @Override
    public void put(long userId, Privacy p) {
        cache.remove(userId);
        db.update(
                "INSERT INTO privacy_settings (user_id, last_seen, group_invites) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen,"
                        + " group_invites = excluded.group_invites",
                userId,
                p.lastSeen().getNumber(),
                p.groupInvites().getNumber());
        cache.put(userId, p);
    }

    void forgetAll() {
        cache.clear();
    }
}
