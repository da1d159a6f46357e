package org.chapar.server.chat;

import org.chapar.protocol.MemberStatus;

/**
 * One user's membership of a shared chat; rights and restrictions are {@link Rights} bit sets. The
 * record outlives the membership: restrictions and bans stay with the (chat, user) pair when the
 * user leaves, and {@code leftDate} says when they were last in the chat (0 while in, or never).
 */
public record MemberRecord(
        long chatId,
        long userId,
        MemberStatus status,
        int adminRights,
        int bannedRights,
        long untilDate,
        long joined,
        long inviterId,
        long promotedBy,
        long lastSendMs,
        long leftDate) {

    public static MemberRecord joined(
            long chatId, long userId, MemberStatus status, long now, long inviter) {
        return new MemberRecord(
                chatId,
                userId,
                status,
                status == MemberStatus.CREATOR ? Rights.ALL_ADMIN & ~Rights.ANONYMOUS : 0,
                0,
                0,
                now,
                inviter,
                0,
                0,
                0);
    }

    public MemberRecord with(MemberStatus s, int admin, int banned, long until, long promoter) {
        return new MemberRecord(
                chatId,
                userId,
                s,
                admin,
                banned,
                until,
                joined,
                inviterId,
                promoter,
                lastSendMs,
                leftDate);
    }

    /** The same membership, ended at {@code date}. */
    MemberRecord leftAt(long date) {
        return new MemberRecord(
                chatId,
                userId,
                status,
                adminRights,
                bannedRights,
                untilDate,
                joined,
                inviterId,
                promotedBy,
                lastSendMs,
                date);
    }

    /** In the chat now: a member, an admin or the creator (not left, not banned). */
    public boolean inChat() {
        return Access.inChat(status);
    }
}
