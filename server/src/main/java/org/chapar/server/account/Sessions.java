package org.chapar.server.account;

import java.util.List;
import java.util.Optional;

/** Storage of device sessions. */
public interface Sessions {
    void create(SessionRecord session);

    Optional<SessionRecord> byTokenHash(byte[] tokenHash);

    List<SessionRecord> byUser(long userId);

    /** Whether the user has this session: it was neither revoked nor logged out. */
    boolean exists(long userId, long sessionId);

    /** Deletes the user's session; false if the user has no such session. */
    boolean delete(long userId, long sessionId);

    void touch(long sessionId, long lastActive);

    /**
     * Remembers a device that logged in to the account by the SHA-256 of the cookie it was given,
     * keeping the account's newest {@code keep}.
     */
    void rememberDevice(long userId, byte[] cookieHash, long now, int keep);

    /** The account a known device's cookie was given by. */
    Optional<Long> deviceOwner(byte[] cookieHash);
}
