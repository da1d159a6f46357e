package org.chapar.server.chat;

import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberStatus;

/** Renders chats, memberships and invite links in their wire form. */
final class ChatViews {
    private ChatViews() {}

    static Chat chat(ChatRecord c) {
        return Chat.newBuilder()
                .setId(c.id())
                .setKind(c.kind())
                .setTitle(c.title())
                .setAbout(c.about())
                .setUsername(c.username())
                .setMembersCount(c.membersCount())
                .setSignatures(c.signatures())
                .setSlowModeSeconds(c.slowMode())
                .setDefaultRestrictions(Rights.banned(c.defaultBanned()))
                .setPts(c.pts())
                .setPinnedMessageId(c.pinnedId())
                .setDate(c.created())
                .build();
    }

    /**
     * A chat as an invite link shows it to someone not in it: without its pts and pinned message,
     * which would let a former member holding an old link follow its activity.
     */
    static Chat preview(ChatRecord c) {
        return chat(c).toBuilder().clearPts().clearPinnedMessageId().build();
    }

    static ChatMember member(MemberRecord m) {
        int admin =
                m.status() == MemberStatus.CREATOR
                        ? Rights.ALL_ADMIN & ~Rights.ANONYMOUS | m.adminRights()
                        : m.status() == MemberStatus.ADMIN ? m.adminRights() : 0;
        return ChatMember.newBuilder()
                .setUserId(m.userId())
                .setStatus(m.status())
                .setAdminRights(Rights.admin(admin))
                .setRestrictions(Rights.banned(m.bannedRights()))
                .setUntilDate(m.untilDate())
                .setDate(m.joined())
                .setInviterId(m.inviterId())
                .setPromotedBy(m.promotedBy())
                .build();
    }

    static InviteLink link(InviteRecord l, int pending) {
        return InviteLink.newBuilder()
                .setHash(l.hash())
                .setChatId(l.chatId())
                .setAdminId(l.adminId())
                .setDate(l.created())
                .setExpireDate(l.expireDate())
                .setUsageLimit(l.usageLimit())
                .setUsage(l.usage())
                .setRequiresApproval(l.requiresApproval())
                .setRevoked(l.revoked())
                .setPrimary(l.primary())
                .setTitle(l.title())
                .setPendingRequests(pending)
                .build();
    }
}
