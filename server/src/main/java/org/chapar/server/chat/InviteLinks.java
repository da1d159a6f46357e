package org.chapar.server.chat;

import java.util.List;
import java.util.Optional;

/** Invite links and the join requests filed through links that need approval. */
public interface InviteLinks {
    void put(InviteRecord link);

    Optional<InviteRecord> get(String hash);

    List<InviteRecord> byChat(long chatId, boolean revoked);

    Optional<InviteRecord> primary(long chatId);

    void addRequest(long chatId, long userId, long date, String hash);

    /** Join requests: {chat, user, date} and the hash. */
    List<JoinRequestRecord> requests(long chatId);

    boolean removeRequest(long chatId, long userId);

    int pendingRequests(String hash);

    /** A request filed by one user. */
    record JoinRequestRecord(long chatId, long userId, long date, String hash) {}
}
