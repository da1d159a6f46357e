package org.chapar.server.chat;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;

/**
 * A user's standing in one chat at one moment, with every permission rule of shared chats. Built
 * inside the transaction that acts on it, so checks and changes see the same state. Restrictions
 * and bans whose until date has passed no longer apply.
 */
record Access(ChatRecord chat, MemberRecord member, long now) {

    static Access load(StoreTx tx, long chatId, long userId, long now) {
        ChatRecord chat = tx.sharedChats().get(chatId).orElseThrow(Access::notVisible);
        MemberRecord m =
                tx.members().get(chatId, userId).orElse(MemberRecord.absent(chatId, userId));
        return new Access(chat, effective(m, now), now);
    }

    /** The membership with expired bans and restrictions lifted. */
    static MemberRecord effective(MemberRecord m, long now) {
        if (m.untilDate() == 0 || m.untilDate() > now) {
            return m;
        }
        if (m.status() == MemberStatus.BANNED) {
            return m.demotedTo(MemberStatus.LEFT).withRestrictions(0, 0);
        }
        if (m.bannedRights() != 0) {
            // restrictions outlive leaving and promotion, so expire them whatever the status
            return m.withRestrictions(0, 0);
        }
        return m;
    }

    long userId() {
        return member.userId();
    }

    boolean inChat() {
        return inChat(member.status());
    }

    static boolean inChat(MemberStatus s) {
        return s == MemberStatus.MEMBER || s == MemberStatus.ADMIN || s == MemberStatus.CREATOR;
    }

    boolean admin() {
        return member.status() == MemberStatus.ADMIN || member.status() == MemberStatus.CREATOR;
    }

    boolean banned() {
        return member.status() == MemberStatus.BANNED;
    }

    int adminRights() {
        return switch (member.status()) {
            case CREATOR -> Rights.ALL_ADMIN;
            case ADMIN -> member.adminRights();
            default -> 0;
        };
    }

    boolean hasAdmin(int right) {
        return Rights.has(adminRights(), right);
    }

    /**
     * An admin posting anonymously: a channel's admins always, a group's with the anonymous right
     * (held as granted, so a creator is not anonymous unless they chose to be).
     */
    boolean anonymous() {
        return chat.channel() || admin() && Rights.has(member.adminRights(), Rights.ANONYMOUS);
    }

    /**
     * The one rule for naming who did something in a chat to its members: a channel's admins and
     * anonymous admins are never named to anyone but admins. Service messages store the actor as
     * {@link #visibleActor}; memberships (inviter, promoter) pass {@link #shownActor} when shown.
     */
    static boolean hidesActor(ChatRecord chat, MemberRecord actor) {
        return chat.channel()
                || (actor.status() == MemberStatus.ADMIN || actor.status() == MemberStatus.CREATOR)
                        && Rights.has(actor.adminRights(), Rights.ANONYMOUS);
    }

    /** Who a record every member sees names as this user's action: 0 if they are hidden. */
    long visibleActor() {
        return hidesActor(chat, member) ? 0 : userId();
    }

    /** The actor as this viewer may see them: admins see everyone, others not hidden actors. */
    long shownActor(StoreTx tx, long actor) {
        if (actor == 0 || admin() || chat.channel()) {
            return admin() ? actor : 0;
        }
        return tx.members()
                        .get(chat.id(), actor)
                        .map(m -> hidesActor(chat, effective(m, now)))
                        .orElse(false)
                ? 0
                : actor;
    }

    /**
     * The one answer for a chat id the caller may not see, whether it does not exist or is private
     * and they are not in it, so that the answer does not tell which.
     */
    static ApiException notVisible() {
        return new ApiException(
                ErrorCode.CHANNEL_PRIVATE, "No such chat, or it is private and you are not in it");
    }

    /** May see the chat's messages: a member, or anyone for a public supergroup or channel. */
    void requireReader() {
        if (banned()) {
            throw new ApiException(
                    ErrorCode.USER_BANNED_IN_CHANNEL, "You are banned from this chat");
        }
        if (!inChat() && (chat.username().isEmpty() || chat.kind() == ChatKind.GROUP)) {
            throw notVisible();
        }
    }

    void requireMember() {
        requireReader();
        if (!inChat()) {
            throw new ApiException(
                    ErrorCode.USER_NOT_PARTICIPANT, "You are not a member of this chat");
        }
    }

    void requireAdmin(int right, String name) {
        requireMember();
        if (!hasAdmin(right)) {
            throw new ApiException(
                    ErrorCode.CHAT_ADMIN_REQUIRED,
                    "Only an admin with the " + name + " right may do this");
        }
    }

    void requireAnyAdmin() {
        requireMember();
        if (!admin()) {
            throw new ApiException(ErrorCode.CHAT_ADMIN_REQUIRED, "Only admins may do this");
        }
    }

    /**
     * May send (or edit a message to) this text: the send permission, and for text with a link (see
     * {@link TextLinks}) the embed_links one; admins are exempt from embed_links.
     */
    void requireSend(String text) {
        requirePermission(
                Rights.SEND,
                Rights.POST_MESSAGES,
                chat.channel() ? "post_messages" : "send_messages");
        if (!admin()
                && Rights.has(member.bannedRights() | chat.defaultBanned(), Rights.EMBED_LINKS)
                && TextLinks.find(text)) {
            throw new ApiException(
                    ErrorCode.CHAT_WRITE_FORBIDDEN, "You are not allowed to send links here");
        }
    }

    /** Sending media: {@code send_media} must not be restricted (admins may always). */
    void requireSendMedia() {
        int own = admin() ? 0 : member.bannedRights();
        if (!admin() && Rights.has(own | chat.defaultBanned(), Rights.SEND_MEDIA)) {
            throw new ApiException(
                    ErrorCode.CHAT_SEND_MEDIA_FORBIDDEN,
                    "You are not allowed to send media in this chat"
                            + (member.untilDate() != 0 && Rights.has(own, Rights.SEND_MEDIA)
                                    ? " until " + member.untilDate()
                                    : ""));
        }
    }

    /**
     * A member action that admins hold as a right and members as a permission: in channels only
     * admins with the right; elsewhere admins with it, or members it is not restricted for.
     */
    void requirePermission(int restriction, int adminRight, String name) {
        requireMember();
        if (hasAdmin(adminRight) || (admin() && restriction == Rights.SEND && !chat.channel())) {
            return;
        }
        if (chat.channel()) {
            throw new ApiException(
                    adminRight == Rights.POST_MESSAGES
                            ? ErrorCode.CHAT_WRITE_FORBIDDEN
                            : ErrorCode.CHAT_ADMIN_REQUIRED,
                    "In a channel only admins with the " + name + " right may do this");
        }
        // an admin's own restrictions (kept from before a promotion) wait for a demotion
        int own = admin() ? 0 : member.bannedRights();
        if (Rights.has(own | chat.defaultBanned(), restriction)) {
            throw new ApiException(
                    ErrorCode.CHAT_WRITE_FORBIDDEN,
                    "You are not allowed to "
                            + name.replace('_', ' ')
                            + " in this chat"
                            + (member.untilDate() != 0 && Rights.has(own, restriction)
                                    ? " until " + member.untilDate()
                                    : ""));
        }
    }
}
