package org.chapar.server.chat;

import org.chapar.protocol.MemberStatus;

import java.util.List;
import java.util.Optional;

/** Memberships of shared chats, by chat and by user. */
public interface Members {
    Optional<MemberRecord> get(long chatId, long userId);

    void put(MemberRecord member);

    void setLastSend(long chatId, long userId, long ms);

    /** Members in join order; status null: those in the chat (member, admin, creator). */
    List<MemberRecord> list(long chatId, MemberStatus status, int offset, int limit);

    /** Ids of the users in the chat (member, admin, creator). */
    List<Long> userIds(long chatId);

    /** The supergroups and channels the user is in, with their box heads. */
    List<long[]> ownBoxChats(long userId);
}
