package org.chapar.server.account;

import java.util.Optional;

/**
 * Storage of the one namespace of @names that users and public chats share, keyed by {@link
 * Usernames#skeleton}. The key is unique in the store itself, so two concurrent writers cannot both
 * claim look-alike names.
 */
public interface UsernameClaims {
    /** The holder of the name (or of a look-alike of it). */
    Optional<UsernameOwner> owner(String username);

    /**
     * Gives the name to the owner, replacing the owner's previous name; false if another owner
     * holds it or a look-alike, and then the caller must fail its write.
     */
    boolean claim(String username, UsernameOwner owner);

    /** Frees the owner's name, if it has one. */
    void release(UsernameOwner owner);
}
