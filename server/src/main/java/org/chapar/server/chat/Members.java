package org.chapar.server.chat;

import org.chapar.protocol.MemberStatus;

import java.util.List;
import java.util.Optional;

/**
 * Memberships of shared chats, by chat and by user.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): {@link #put} writes a membership
 * decided from reads earlier in the transaction; joins of chats with a seat limit are serialised
 * per chat by {@link SharedChats#addMember}, which comes before them, and joins of channels (no
 * limit, so no seat row that every join would queue for) per membership by {@link #putIfUnchanged}.
 * Slow mode is claimed in one conditional write.
 */
public interface Members {
    Optional<MemberRecord> get(long chatId, long userId);

    void put(MemberRecord member);

    /**
     * Writes a membership decided from {@code was}, the stored status read earlier in the
     * transaction (null: there was no row), if the row is still so; otherwise another writer
     * changed it first and this call lost the race ({@link org.chapar.server.store.RaceLost}): it
     * runs again and reads the winner's change.
     */
    void putIfUnchanged(MemberRecord member, MemberStatus was);

    /**
     * Records a send at {@code nowMs} if the member's previous one is at least {@code intervalMs}
     * old, in one conditional write: of two racing sends within the interval exactly one gets true.
     * The member's {@code lastSendMs} is not changed by {@link #put}.
     */
    boolean claimSend(long chatId, long userId, long nowMs, long intervalMs);

    /** Members in join order; status null: those in the chat (member, admin, creator). */
    List<MemberRecord> list(long chatId, MemberStatus status, int offset, int limit);

    /** Ids of the users in the chat (member, admin, creator). */
    List<Long> userIds(long chatId);

    /** The supergroups and channels the user is in, with their box heads. */
    List<long[]> ownBoxChats(long userId);
}
