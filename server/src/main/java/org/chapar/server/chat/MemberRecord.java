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

    /** Someone who is not and never was in the chat. */
    static MemberRecord absent(long chatId, long userId) {
        return new MemberRecord(chatId, userId, MemberStatus.LEFT, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The same membership as a non-admin {@code s} (a member, left or banned): admin rights and who
     * promoted them are dropped, restrictions kept.
     */
    MemberRecord demotedTo(MemberStatus s) {
        return new MemberRecord(
                chatId,
                userId,
                s,
                0,
                bannedRights,
                untilDate,
                joined,
                inviterId,
                0,
                lastSendMs,
                leftDate);
    }

    /**
     * The same member with these admin rights, granted by {@code promoter}; with none, a plain
     * member (and no promoter). Restrictions kept.
     */
    MemberRecord withAdminRights(int rights, long promoter) {
        return new MemberRecord(
                chatId,
                userId,
                rights == 0 ? MemberStatus.MEMBER : MemberStatus.ADMIN,
                rights,
                bannedRights,
                untilDate,
                joined,
                inviterId,
                rights == 0 ? 0 : promoter,
                lastSendMs,
                leftDate);
    }

    /** The same membership with these restrictions (a {@link Rights} bit set) until that date. */
    MemberRecord withRestrictions(int banned, long until) {
        return new MemberRecord(
                chatId,
                userId,
                status,
                adminRights,
                banned,
                until,
                joined,
                inviterId,
                promotedBy,
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
