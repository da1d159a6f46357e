package org.chapar.server.chat;

import java.util.List;
import java.util.Optional;

/**
 * Invite links and the join requests filed through links that need approval.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): a link's usage is only ever counted
 * by {@link #use}; {@link #put} writes the settings of a link read earlier (edit, revoke) and never
 * its usage, so an edit racing a join cannot undo the join's use.
 */
public interface InviteLinks {
    /** Creates the link, or replaces its settings; an existing link keeps its usage count. */
    void put(InviteRecord link);

    Optional<InviteRecord> get(String hash);

    List<InviteRecord> byChat(long chatId, boolean revoked);

    Optional<InviteRecord> primary(long chatId);

    /**
     * Counts one use of the link if it is usable at {@code now} (not revoked, not expired, below
     * its usage limit), in one conditional write, so that concurrent joins and approvals never
     * exceed the limit. False if the link was not usable.
     */
    boolean use(String hash, long now);

    /** Files (or re-files through another link) the user's request to join the chat. */
    void addRequest(long chatId, long userId, long date, String hash);

    Optional<JoinRequestRecord> request(long chatId, long userId);

    /** Join requests: {chat, user, date} and the hash. */
    List<JoinRequestRecord> requests(long chatId);

    boolean removeRequest(long chatId, long userId);

    /** Drops the requests filed through a link (when it is revoked); returns how many. */
    int removeRequests(String hash);

    int pendingRequests(String hash);

    /** A request filed by one user. */
    record JoinRequestRecord(long chatId, long userId, long date, String hash) {}
}
