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

    /**
     * An account the server itself runs: the bot named {@link Usernames#BOT_FATHER}, a name no
     * other bot can take (a bot's name ends in "bot") and no person holds beside a bot of that
     * name.
     */
    public boolean verified() {
        return bot && Usernames.BOT_FATHER.equals(username);
    }

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
