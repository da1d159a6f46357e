package org.chapar.server.account;

import java.util.List;
import java.util.Optional;

/** Storage of device sessions. */
public interface Sessions {
    void create(SessionRecord session);

    Optional<SessionRecord> byTokenHash(byte[] tokenHash);

    List<SessionRecord> byUser(long userId);

    /** Deletes the user's session; false if the user has no such session. */
    boolean delete(long userId, long sessionId);

    void touch(long sessionId, long lastActive);
}
