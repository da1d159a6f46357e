package org.chapar.server.chat;

import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatUpdated;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.MessageAction;
import org.chapar.server.account.UserViews;
import org.chapar.server.bus.UserFact;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdatePublisher;
import org.chapar.server.sync.Writes;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * What admins change: admin rights (never more than the granter holds), member restrictions and
 * bans, chat settings, and the upgrade of a group to a supergroup. Each change is checked and made
 * in one transaction and written to the admin log.
 */
public final class ChatAdminService {
    private final Store store;
    private final Clock clock;
    private final Writes writes;
    private final Membership membership;
    private final ChatQueries queries;
    private final ChatPosts posts;
    private final AdminLogService adminLog;
    private final UpdatePublisher publisher;
    private final Targets targets;

    public ChatAdminService(
            Store store,
            Clock clock,
            Writes writes,
            Membership membership,
            ChatQueries queries,
            ChatPosts posts,
            AdminLogService adminLog,
            UpdatePublisher publisher,
            UserViews users) {
        this.store = store;
        this.clock = clock;
        this.writes = writes;
        this.membership = membership;
        this.queries = queries;
        this.posts = posts;
        this.adminLog = adminLog;
        this.publisher = publisher;
        this.targets = new Targets(users.access());
    }

    /** Promotes, re-grants or (no rights) demotes; never more than the granter holds. */
    public CompletableFuture<ChatInfo> editAdmin(long me, long chatId, long userId, int rights) {
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireAdmin(Rights.ADD_ADMINS, "add_admins");
                    targets.require(w.tx, me, chatId, userId, 0);
                    Access target = Access.load(w.tx, chatId, userId, w.now);
                    if (!target.inChat()) {
                        throw new ApiException(
                                ErrorCode.USER_NOT_PARTICIPANT,
                                "That user is not a member of this chat");
                    }
                    if (target.member().status() == MemberStatus.CREATOR) {
                        throw new ApiException(
                                ErrorCode.RIGHT_FORBIDDEN,
                                "The creator's rights cannot be changed");
                    }
                    if (target.member().status() == MemberStatus.ADMIN
                            && a.member().status() != MemberStatus.CREATOR
                            && target.member().promotedBy() != me) {
                        throw new ApiException(
                                ErrorCode.RIGHT_FORBIDDEN,
                                "Only the creator or the admin who promoted them may change this admin's rights");
                    }
                    int extra = rights & ~a.adminRights();
                    if (extra != 0) {
                        throw new ApiException(
                                ErrorCode.RIGHT_FORBIDDEN,
                                "You cannot grant rights you do not hold: "
                                        + Rights.adminNames(extra));
                    }
                    // Lifting restrictions is ban_users' power: only a promotion by an admin who
                    // holds it replaces them; otherwise they wait, and apply again on demotion.
                    MemberRecord changed = target.member().withAdminRights(rights, me);
                    boolean lift = rights != 0 && a.hasAdmin(Rights.BAN_USERS);
                    MemberRecord written = lift ? changed.withRestrictions(0, 0) : changed;
                    w.tx.members().put(written);
                    membership.changed(w, a.chat(), target.member(), written, me);
                    adminLog.log(
                            w,
                            chatId,
                            me,
                            rights == 0 ? "demote" : "promote",
                            userId,
                            0,
                            Rights.adminNames(rights));
                    membership.tellUser(w, a.chat(), userId, changed.status());
                    return queries.info(w.tx, Access.load(w.tx, chatId, userId, w.now), me);
                });
    }

    /** Restricts, bans (view_messages) or, with no restriction, lifts both. */
    public CompletableFuture<ChatInfo> editRestrictions(
            long me, long chatId, InputUser user, int banned, long until) {
        long userId = user.getUserId();
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireAdmin(Rights.BAN_USERS, "ban_users");
                    EndDates.until(until, w.now);
                    if (userId == me) {
                        throw ApiException.badRequest("You cannot restrict yourself");
                    }
                    targets.require(w.tx, me, chatId, userId, user.getAccessHash());
                    Access target = Access.load(w.tx, chatId, userId, w.now);
                    if (target.admin()) {
                        throw new ApiException(
                                ErrorCode.RIGHT_FORBIDDEN,
                                target.member().status() == MemberStatus.CREATOR
                                        ? "The creator cannot be restricted"
                                        : "Demote this admin before restricting them");
                    }
                    ChatRecord chat = a.chat();
                    MemberRecord m = target.member();
                    if (Rights.has(banned, Rights.VIEW)) {
                        if (target.inChat() && !chat.channel()) {
                            posts.service(
                                    w,
                                    chat,
                                    a.visibleActor(),
                                    MessageAction.newBuilder()
                                            .setType(MessageAction.Type.MEMBER_REMOVED)
                                            .addUserIds(userId)
                                            .build());
                        }
                        membership.expel(
                                w,
                                w.tx.sharedChats().current(chat.id()),
                                m,
                                MemberStatus.BANNED,
                                banned,
                                until,
                                me);
                        adminLog.log(
                                w,
                                chatId,
                                me,
                                "ban",
                                userId,
                                0,
                                until == 0 ? "forever" : "until " + until);
                    } else if (target.inChat()) {
                        MemberRecord restricted =
                                m.demotedTo(MemberStatus.MEMBER)
                                        .withRestrictions(banned, banned == 0 ? 0 : until);
                        w.tx.members().put(restricted);
                        membership.changed(w, chat, m, restricted, me);
                        adminLog.log(
                                w,
                                chatId,
                                me,
                                banned == 0 ? "unrestrict" : "restrict",
                                userId,
                                0,
                                Rights.bannedNames(banned) + (until == 0 ? "" : " until " + until));
                        membership.tellUser(w, chat, userId, MemberStatus.MEMBER);
                    } else {
                        if (banned != 0) {
                            throw new ApiException(
                                    ErrorCode.USER_NOT_PARTICIPANT,
                                    "That user is not a member of this chat");
                        }
                        if (m.status() == MemberStatus.BANNED || m.bannedRights() != 0) {
                            // restrictions kept by a user who left are lifted here too
                            MemberRecord lifted =
                                    m.demotedTo(MemberStatus.LEFT).withRestrictions(0, 0);
                            w.tx.members().put(lifted);
                            membership.changed(w, chat, m, lifted, me);
                            adminLog.log(
                                    w,
                                    chatId,
                                    me,
                                    m.status() == MemberStatus.BANNED ? "unban" : "unrestrict",
                                    userId,
                                    0,
                                    "");
                        }
                    }
                    return queries.info(w.tx, Access.load(w.tx, chatId, userId, w.now), me);
                });
    }

    /**
     * Changes the settings that are set and differ from the chat's. Rights come first, for every
     * field set, so the request tells someone who may not edit nothing about the chat; an edit that
     * changes nothing is refused and writes nothing (no log entry, no ChatUpdated event).
     */
    public CompletableFuture<ChatInfo> editChat(long me, EditChat r) {
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, r.getChatId(), me, w.now);
                    requireEditRights(a, r);
                    ChatRecord c = a.chat();
                    ChatRecord changed = edited(w.tx, c, r);
                    if (changed.equals(c)) {
                        throw new ApiException(
                                ErrorCode.CHAT_NOT_MODIFIED,
                                "Nothing to change: no field is set, or each one set already has that value");
                    }
                    logChanges(w, me, c, changed);
                    w.tx.sharedChats().update(changed);
                    if (!changed.title().equals(c.title())) {
                        posts.service(
                                w,
                                changed,
                                a.visibleActor(),
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.TITLE_CHANGED)
                                        .setTitle(changed.title())
                                        .build());
                    }
                    ChatRecord after = w.tx.sharedChats().current(changed.id());
                    ChatUpdated updated =
                            ChatUpdated.newBuilder().setChat(ChatViews.chat(after)).build();
                    posts.event(
                            w,
                            after,
                            BoxEvent.of(
                                    BoxEvent.Kind.CHAT_UPDATED,
                                    c.id(),
                                    updated.toByteArray(),
                                    1,
                                    w.now),
                            me);
                    return queries.info(w.tx, Access.load(w.tx, c.id(), me, w.now));
                });
    }

    /** The rights every field set needs, whether or not its value would change. */
    private static void requireEditRights(Access a, EditChat r) {
        a.requireMember();
        if (r.hasTitle() || r.hasAbout()) {
            a.requirePermission(Rights.INFO, Rights.CHANGE_INFO, "change_info");
        }
        if (r.hasUsername() || r.hasSignatures() || r.hasSlowModeSeconds()) {
            a.requireAdmin(Rights.CHANGE_INFO, "change_info");
        }
        if (r.getSetDefaultRestrictions()) {
            a.requireAdmin(Rights.BAN_USERS, "ban_users");
        }
    }

    /** The chat with the fields set applied, each checked; equal to {@code c} if none differs. */
    private static ChatRecord edited(StoreTx tx, ChatRecord c, EditChat r) {
        String title = r.hasTitle() ? ChatFields.title(r.getTitle()) : c.title();
        String about = r.hasAbout() ? ChatFields.about(r.getAbout()) : c.about();
        String username = c.username();
        if (r.hasUsername()) {
            if (!r.getUsername().isEmpty() && c.kind() == ChatKind.GROUP) {
                throw ApiException.badRequest(
                        "A group cannot be public: upgrade it to a supergroup first");
            }
            username = ChatFields.username(r.getUsername());
            ChatFields.requireUsernameFree(tx, username, c.id());
        }
        if (r.hasSignatures() && !c.channel()) {
            throw ApiException.badRequest("Signatures are a channel setting");
        }
        if (r.hasSlowModeSeconds()) {
            if (c.kind() != ChatKind.SUPERGROUP) {
                throw ApiException.badRequest("Slow mode is a supergroup setting");
            }
            ChatFields.slowMode(r.getSlowModeSeconds());
        }
        return c.withSettings(
                title,
                about,
                username,
                r.hasSignatures() ? r.getSignatures() : c.signatures(),
                r.hasSlowModeSeconds() ? r.getSlowModeSeconds() : c.slowMode(),
                r.getSetDefaultRestrictions()
                        ? Rights.banned(r.getDefaultRestrictions()) & ~Rights.VIEW
                        : c.defaultBanned());
    }

    /** One admin log entry per setting that changed. */
    private void logChanges(UnitOfWork w, long me, ChatRecord c, ChatRecord changed) {
        if (!changed.title().equals(c.title())) {
            adminLog.log(w, c.id(), me, "edit_title", 0, 0, changed.title());
        }
        if (!changed.about().equals(c.about())) {
            adminLog.log(w, c.id(), me, "edit_about", 0, 0, changed.about());
        }
        if (!changed.username().equals(c.username())) {
            adminLog.log(w, c.id(), me, "edit_username", 0, 0, changed.username());
        }
        if (changed.signatures() != c.signatures()) {
            adminLog.log(
                    w,
                    c.id(),
                    me,
                    "toggle_signatures",
                    0,
                    0,
                    Boolean.toString(changed.signatures()));
        }
        if (changed.slowMode() != c.slowMode()) {
            adminLog.log(w, c.id(), me, "slow_mode", 0, 0, changed.slowMode() + " s");
        }
        if (changed.defaultBanned() != c.defaultBanned()) {
            adminLog.log(
                    w,
                    c.id(),
                    me,
                    "default_restrictions",
                    0,
                    0,
                    Rights.bannedNames(changed.defaultBanned()));
        }
    }

    /** Makes a group a supergroup in place: same id, members and history; its own box from now. */
    public CompletableFuture<ChatInfo> upgrade(long me, long chatId) {
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireMember();
                    if (a.member().status() != MemberStatus.CREATOR) {
                        throw new ApiException(
                                ErrorCode.CHAT_ADMIN_REQUIRED,
                                "Only the creator can upgrade a group");
                    }
                    if (a.chat().kind() != ChatKind.GROUP) {
                        throw ApiException.badRequest("Only a group can be upgraded");
                    }
                    posts.service(
                            w,
                            a.chat(),
                            me,
                            MessageAction.newBuilder()
                                    .setType(MessageAction.Type.UPGRADED)
                                    .build());
                    // a group has neither signatures nor slow mode (EditChat refuses both) to carry
                    ChatRecord upgraded =
                            w.tx.sharedChats().current(chatId).withKind(ChatKind.SUPERGROUP);
                    w.tx.sharedChats().update(upgraded);
                    for (long user : w.tx.members().userIds(chatId)) {
                        w.afterCommit(() -> publisher.fact(user, new UserFact.Joined(chatId)));
                        membership.tellUser(
                                w,
                                upgraded,
                                user,
                                w.tx.members().get(chatId, user).orElseThrow().status());
                    }
                    adminLog.log(w, chatId, me, "upgrade", 0, 0, "");
                    return queries.info(w.tx, Access.load(w.tx, chatId, me, w.now));
                });
    }
}
