package org.chapar.server.chat;

import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Peer;
import org.chapar.server.store.StoreTx;

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

    /**
     * A membership as the viewer may see it. To anyone but admins, a hidden admin (see {@link
     * Access#hidesActor}) is a plain member and hidden actors are 0; another member's restrictions
     * and until date are shown only to admins with ban_users.
     */
    static ChatMember member(StoreTx tx, Access viewer, MemberRecord m) {
        boolean self = m.userId() == viewer.userId();
        if (!viewer.admin() && !self && Access.hidesActor(viewer.chat(), m)) {
            m = m.demotedTo(MemberStatus.MEMBER);
        }
        int admin =
                m.status() == MemberStatus.CREATOR
                        ? Rights.ALL_ADMIN & ~Rights.ANONYMOUS | m.adminRights()
                        : m.status() == MemberStatus.ADMIN ? m.adminRights() : 0;
        boolean restrictions = self || viewer.hasAdmin(Rights.BAN_USERS);
        return ChatMember.newBuilder()
                .setUserId(m.userId())
                .setStatus(m.status())
                .setAdminRights(Rights.admin(admin))
                .setRestrictions(Rights.banned(restrictions ? m.bannedRights() : 0))
                .setUntilDate(restrictions ? m.untilDate() : 0)
                .setDate(m.joined())
                .setInviterId(viewer.shownActor(tx, m.inviterId()))
                .setPromotedBy(viewer.shownActor(tx, m.promotedBy()))
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

    /** The peer that names a shared chat. */
    static Peer peer(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }
}
