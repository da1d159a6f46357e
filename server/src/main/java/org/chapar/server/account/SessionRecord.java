package org.chapar.server.account;

/** A device session. Only the SHA-256 of its token is stored. */
public record SessionRecord(
        long id, long userId, byte[] tokenHash, String device, long created, long lastActive) {}
