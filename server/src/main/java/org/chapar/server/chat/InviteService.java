package org.chapar.server.chat;

import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.InviteLinkList;
import org.chapar.protocol.InvitePreview;
import org.chapar.protocol.JoinRequest;
import org.chapar.protocol.JoinRequestList;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Randoms;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Invite links (create, list, edit, revoke, replace the primary one), joins by link, join requests.
 */
public final class InviteService {
    static final int MAX_USAGE = 99_999;

    private final Store store;
    private final Clock clock;
    private final ChatService chats;
    private final UserViews users;

    public InviteService(Store store, Clock clock, ChatService chats, UserViews users) {
        this.store = store;
        this.clock = clock;
        this.chats = chats;
        this.users = users;
    }

    public CompletableFuture<InviteLink> create(long me, CreateInviteLink r) {
        check(r.getUsageLimit(), r.getExpireDate());
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, r.getChatId(), me, w.now);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    if (r.getExpireDate() != 0 && r.getExpireDate() <= w.now) {
                        throw ApiException.badRequest(
                                "expire_date must be in the future (0: never)");
                    }
                    InviteRecord link;
                    if (r.getReplacePrimary()) {
                        w.tx.invites()
                                .primary(a.chat().id())
                                .ifPresent(old -> w.tx.invites().put(revoked(old)));
                        link =
                                new InviteRecord(
                                        hash(),
                                        a.chat().id(),
                                        me,
                                        w.now,
                                        0,
                                        0,
                                        0,
                                        false,
                                        false,
                                        true,
                                        "");
                        ChatService.log(w, a.chat().id(), me, "replace_primary_link", 0, 0, "");
                    } else {
                        link =
                                new InviteRecord(
                                        hash(),
                                        a.chat().id(),
                                        me,
                                        w.now,
                                        r.getExpireDate(),
                                        r.getUsageLimit(),
                                        0,
                                        r.getRequiresApproval(),
                                        false,
                                        false,
                                        ChatService.clean(r.getTitle(), 32));
                        ChatService.log(w, a.chat().id(), me, "create_link", 0, 0, link.title());
                    }
                    w.tx.invites().put(link);
                    return ChatViews.link(link, 0);
                });
    }

    public CompletableFuture<InviteLinkList> list(long me, long chatId, boolean revoked) {
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    InviteLinkList.Builder out = InviteLinkList.newBuilder();
                    for (InviteRecord l : tx.invites().byChat(chatId, revoked)) {
                        out.addLinks(ChatViews.link(l, tx.invites().pendingRequests(l.hash())));
                    }
                    return out.build();
                });
    }

    public CompletableFuture<InviteLink> edit(long me, EditInviteLink r) {
        check(r.getUsageLimit(), r.getExpireDate());
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, r.getChatId(), me, w.now);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    InviteRecord l =
                            w.tx.invites()
                                    .get(r.getHash())
                                    .filter(x -> x.chatId() == r.getChatId())
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.INVITE_HASH_INVALID,
                                                            "No such link in this chat"));
                    InviteRecord changed;
                    if (r.getRevoke()) {
                        changed = revoked(l);
                        ChatService.log(w, l.chatId(), me, "revoke_link", 0, 0, l.title());
                    } else {
                        if (l.revoked()) {
                            throw new ApiException(
                                    ErrorCode.INVITE_HASH_EXPIRED,
                                    "A revoked link cannot be edited");
                        }
                        changed =
                                new InviteRecord(
                                        l.hash(),
                                        l.chatId(),
                                        l.adminId(),
                                        l.created(),
                                        r.getExpireDate(),
                                        r.getUsageLimit(),
                                        l.usage(),
                                        r.getRequiresApproval(),
                                        false,
                                        l.primary(),
                                        ChatService.clean(r.getTitle(), 32));
                        ChatService.log(w, l.chatId(), me, "edit_link", 0, 0, changed.title());
                    }
                    w.tx.invites().put(changed);
                    return ChatViews.link(changed, w.tx.invites().pendingRequests(l.hash()));
                });
    }

    public CompletableFuture<InvitePreview> check(long me, String hash) {
        return store.read(
                tx -> {
                    long now = clock.millis() / 1000;
                    InviteRecord l = usable(tx, hash, now);
                    Access a = Access.load(tx, l.chatId(), me, now);
                    return InvitePreview.newBuilder()
                            .setChat(
                                    a.inChat()
                                            ? ChatViews.chat(a.chat())
                                            : ChatViews.preview(a.chat()))
                            .setRequiresApproval(l.requiresApproval())
                            .setAlreadyMember(a.inChat())
                            .build();
                });
    }

    /**
     * Joins by link; a link that needs approval files a request and answers INVITE_REQUEST_SENT.
     */
    public CompletableFuture<ChatInfo> join(long me, String hash) {
        CompletableFuture<Object> done =
                chats.write(
                        w -> {
                            InviteRecord l = usable(w.tx, hash, w.now);
                            Access a = Access.load(w.tx, l.chatId(), me, w.now);
                            if (a.banned()) {
                                throw new ApiException(
                                        ErrorCode.USER_BANNED_IN_CHANNEL,
                                        "You are banned from this chat");
                            }
                            if (a.inChat()) {
                                throw new ApiException(
                                        ErrorCode.USER_ALREADY_PARTICIPANT,
                                        "You are already a member");
                            }
                            if (l.requiresApproval()) {
                                w.tx.invites().addRequest(l.chatId(), me, w.now, l.hash());
                                chats.announceRequest(w, a.chat(), me);
                                return Boolean.FALSE;
                            }
                            w.tx.invites()
                                    .put(
                                            new InviteRecord(
                                                    l.hash(),
                                                    l.chatId(),
                                                    l.adminId(),
                                                    l.created(),
                                                    l.expireDate(),
                                                    l.usageLimit(),
                                                    l.usage() + 1,
                                                    false,
                                                    false,
                                                    l.primary(),
                                                    l.title()));
                            chats.joinWithNotice(w, a.chat(), me, l.adminId());
                            return chats.info(w.tx, Access.load(w.tx, l.chatId(), me, w.now));
                        });
        return done.thenApply(
                result -> {
                    if (result instanceof ChatInfo info) {
                        return info;
                    }
                    throw new ApiException(
                            ErrorCode.INVITE_REQUEST_SENT,
                            "This link needs approval: your request was sent to the chat's admins");
                });
    }

    public CompletableFuture<JoinRequestList> requests(long me, long chatId) {
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    JoinRequestList.Builder out = JoinRequestList.newBuilder();
                    Set<Long> ids = new LinkedHashSet<>();
                    for (InviteLinks.JoinRequestRecord r : tx.invites().requests(chatId)) {
                        out.addRequests(
                                JoinRequest.newBuilder()
                                        .setUserId(r.userId())
                                        .setDate(r.date())
                                        .setInviteHash(r.hash()));
                        ids.add(r.userId());
                    }
                    out.addAllUsers(users.render(tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }

    public CompletableFuture<ChatInfo> decide(long me, long chatId, long userId, boolean approve) {
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    var request =
                            w.tx.invites().requests(chatId).stream()
                                    .filter(r -> r.userId() == userId)
                                    .findFirst()
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.USER_NOT_FOUND,
                                                            "That user has not asked to join"));
                    w.tx.invites().removeRequest(chatId, userId);
                    ChatService.log(
                            w,
                            chatId,
                            me,
                            approve ? "approve_request" : "decline_request",
                            userId,
                            0,
                            "");
                    if (approve) {
                        Access target = Access.load(w.tx, chatId, userId, w.now);
                        if (target.banned()) {
                            throw new ApiException(
                                    ErrorCode.USER_BANNED_IN_CHANNEL,
                                    "That user is banned from this chat");
                        }
                        if (!target.inChat()) {
                            w.tx.invites()
                                    .get(request.hash())
                                    .ifPresent(
                                            l ->
                                                    w.tx.invites()
                                                            .put(
                                                                    new InviteRecord(
                                                                            l.hash(),
                                                                            l.chatId(),
                                                                            l.adminId(),
                                                                            l.created(),
                                                                            l.expireDate(),
                                                                            l.usageLimit(),
                                                                            l.usage() + 1,
                                                                            l.requiresApproval(),
                                                                            l.revoked(),
                                                                            l.primary(),
                                                                            l.title())));
                            chats.joinWithNotice(w, a.chat(), userId, me);
                        }
                    }
                    return chats.info(w.tx, Access.load(w.tx, chatId, userId, w.now));
                });
    }

    /** The link if it can be used now; otherwise a clear error saying why not. */
    private static InviteRecord usable(StoreTx tx, String hash, long now) {
        InviteRecord l =
                tx.invites()
                        .get(hash == null ? "" : hash.strip())
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                ErrorCode.INVITE_HASH_INVALID,
                                                "This invite link does not exist"));
        if (l.revoked()) {
            throw new ApiException(ErrorCode.INVITE_HASH_EXPIRED, "This invite link was revoked");
        }
        if (l.expireDate() != 0 && l.expireDate() <= now) {
            throw new ApiException(ErrorCode.INVITE_HASH_EXPIRED, "This invite link has expired");
        }
        if (l.usageLimit() != 0 && l.usage() >= l.usageLimit()) {
            throw new ApiException(
                    ErrorCode.INVITE_HASH_EXPIRED, "This invite link has been used up");
        }
        return l;
    }

    private static InviteRecord revoked(InviteRecord l) {
        return new InviteRecord(
                l.hash(),
                l.chatId(),
                l.adminId(),
                l.created(),
                l.expireDate(),
                l.usageLimit(),
                l.usage(),
                l.requiresApproval(),
                true,
                l.primary(),
                l.title());
    }

    private static void check(int usageLimit, long expireDate) {
        if (usageLimit < 0 || usageLimit > MAX_USAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "A usage limit is 1 to " + MAX_USAGE + " (0: none)");
        }
        if (expireDate < 0) {
            throw ApiException.badRequest("expire_date cannot be negative");
        }
    }

    private static String hash() {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(16));
    }
}
