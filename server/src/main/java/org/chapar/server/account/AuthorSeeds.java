package org.chapar.server.account;

import java.util.Optional;

/**
 * Each account's 16 random bytes, the salt from which its devices derive their author key with the
 * password (storage port; docs/adr/0012-author-tags.md). The server hands it out in every
 * Authorization and knows nothing more of the key. Deleted with the account.
 */
public interface AuthorSeeds {
    void create(long userId, byte[] seed);

    Optional<byte[]> get(long userId);
}
