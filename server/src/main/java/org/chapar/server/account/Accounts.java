package org.chapar.server.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of accounts. Usernames are compared by their lower-cased key. */
public interface Accounts {
    /**
     * Creates the account, claims its username in the shared namespace ({@link UsernameClaims}) and
     * returns its id; USERNAME_TAKEN if a user or chat holds the name or a look-alike.
     */
    long create(String username, String displayName, String passwordHash, long now);

    Optional<AccountRecord> byId(long id);

    /** The account whose own username this is, compared without case: how one logs in. */
    Optional<AccountRecord> byUsername(String username);

    List<AccountRecord> byIds(Collection<Long> ids);

    /** Accounts whose username starts with the prefix, in username order. */
    List<AccountRecord> searchByPrefix(String prefix, int limit);

    void setLastSeen(long id, long lastSeen);

    void setDisplayName(long id, String displayName);

    /**
     * Gives the user a new username (already valid) and releases the old one; USERNAME_TAKEN if
     * another user or a chat holds it or a look-alike.
     */
    void setUsername(long id, String username);

    /**
     * Turns the account into a deleted one shown as {@code displayName}: no username (its name is
     * freed for anyone), and no name it could be found or logged in by.
     */
    void retire(long id, String displayName);
}
