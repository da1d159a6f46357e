package org.chapar.server.store.postgres;

import org.chapar.protocol.PrivacyAudience;
import org.chapar.server.privacy.Privacy;
import org.chapar.server.privacy.PrivacySettings;

final class PgPrivacySettings implements PrivacySettings {

    private final Statements db;

    // No cache: another node may change the settings between two transactions of this one.
    PgPrivacySettings(Statements db) {
        this.db = db;
    }

    @Override
    public Privacy get(long userId) {
        return db.one(
                        "SELECT last_seen, group_invites FROM privacy_settings WHERE user_id = ?",
                        rs ->
                                new Privacy(
                                        PrivacyAudience.forNumber(rs.getInt(1)),
                                        PrivacyAudience.forNumber(rs.getInt(2))),
                        userId)
                .orElse(Privacy.DEFAULT);
    }

    @Override
    public void put(long userId, Privacy p) {
        db.update(
                "INSERT INTO privacy_settings (user_id, last_seen, group_invites) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen,"
                        + " group_invites = excluded.group_invites",
                userId,
                p.lastSeen().getNumber(),
                p.groupInvites().getNumber());
    }
}
