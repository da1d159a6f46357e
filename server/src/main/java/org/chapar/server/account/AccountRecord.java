package org.chapar.server.account;

/**
 * A stored account. {@code usernameKey} is the lower-cased username used for uniqueness; {@code
 * bot}: a bot account (docs/adr/0015-bot-api.md), which has no password and signs in by its token.
 */
public record AccountRecord(
        long id,
        String username,
        String displayName,
        String passwordHash,
        long created,
        long lastSeen,
        boolean bot) {

    /** A person's account. */
    public AccountRecord(
            long id,
            String username,
            String displayName,
            String passwordHash,
            long created,
            long lastSeen) {
        this(id, username, displayName, passwordHash, created, lastSeen, false);
    }
}
