package org.chapar.server.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of accounts. Usernames are compared by their lower-cased key. */
public interface Accounts {
    /** Creates the account and returns its id; the caller has checked the username is free. */
    long create(String username, String displayName, String passwordHash, long now);

    Optional<AccountRecord> byId(long id);

    Optional<AccountRecord> byUsername(String username);

    List<AccountRecord> byIds(Collection<Long> ids);

    /** Accounts whose username starts with the prefix, in username order. */
    List<AccountRecord> searchByPrefix(String prefix, int limit);

    void setLastSeen(long id, long lastSeen);

    void setDisplayName(long id, String displayName);
}
