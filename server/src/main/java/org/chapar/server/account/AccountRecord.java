package org.chapar.server.account;

/** A stored account. {@code usernameKey} is the lower-cased username used for uniqueness. */
public record AccountRecord(
        long id,
        String username,
        String displayName,
        String passwordHash,
        long created,
        long lastSeen) {}
