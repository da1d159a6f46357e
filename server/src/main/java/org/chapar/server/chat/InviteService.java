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
import org.chapar.protocol.MemberStatus;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;
import org.chapar.server.core.Randoms;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.Writes;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Invite links (create, list, edit, revoke, replace the primary one), joins by link, join requests.
 */
public final class InviteService {
    static final int MAX_USAGE = 99_999;

    private final Store store;
    private final Clock clock;
    private final Writes writes;
    private final Membership membership;
    private final ChatQueries queries;
    private final AdminLogService adminLog;
    private final UserViews users;

    public InviteService(
            Store store,
            Clock clock,
            Writes writes,
            Membership membership,
            ChatQueries queries,
            AdminLogService adminLog,
            UserViews users) {
        this.store = store;
        this.clock = clock;
        this.writes = writes;
        this.membership = membership;
        this.queries = queries;
        this.adminLog = adminLog;
        this.users = users;
    }

    public CompletableFuture<InviteLink> create(long me, CreateInviteLink r) {
        check(r.getUsageLimit());
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, r.getChatId(), me, w.now);
                    a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                    EndDates.expiry(r.getExpireDate(), w.now);
                    InviteRecord link;
                    if (r.getReplacePrimary()) {
                        Optional<InviteRecord> old = w.tx.invites().primary(a.chat().id());
                        if (old.isPresent()) {
                            requireManager(a, old.get());
                            revoke(w, old.get());
                        }
                        link = InviteRecord.newPrimary(hash(), a.chat().id(), me, w.now);
                        adminLog.log(w, a.chat().id(), me, "replace_primary_link", 0, 0, "");
                    } else {
                        link =
                                InviteRecord.newLink(
                                        hash(),
                                        a.chat().id(),
                                        me,
                                        w.now,
                                        r.getExpireDate(),
                                        r.getUsageLimit(),
                                        r.getRequiresApproval(),
                                        Names.clean(r.getTitle(), 32, "A link title"));
                        adminLog.log(w, a.chat().id(), me, "create_link", 0, 0, link.title());
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
        check(r.getUsageLimit());
        return writes.run(
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
                    requireManager(a, l);
                    InviteRecord changed;
                    if (r.getRevoke()) {
                        changed = revoke(w, l);
                        adminLog.log(w, l.chatId(), me, "revoke_link", 0, 0, l.title());
                    } else {
                        if (l.revoked()) {
                            throw new ApiException(
                                    ErrorCode.INVITE_HASH_EXPIRED,
                                    "A revoked link cannot be edited");
                        }
                        EndDates.expiry(r.getExpireDate(), w.now);
                        changed =
                                l.edited(
                                        r.getExpireDate(),
                                        r.getUsageLimit(),
                                        r.getRequiresApproval(),
                                        Names.clean(r.getTitle(), 32, "A link title"));
                        w.tx.invites().put(changed);
                        adminLog.log(w, l.chatId(), me, "edit_link", 0, 0, changed.title());
                    }
                    return ChatViews.link(changed, w.tx.invites().pendingRequests(l.hash()));
                });
    }

    /** What a link leads to; a banned user is told so, not shown the chat. */
    public CompletableFuture<InvitePreview> check(long me, String hash) {
        return store.read(
                tx -> {
                    long now = clock.millis() / 1000;
                    InviteRecord l = usable(tx, hash, now);
                    Access a = Access.load(tx, l.chatId(), me, now);
                    if (a.banned()) {
                        throw new ApiException(
                                ErrorCode.USER_BANNED_IN_CHANNEL, "You are banned from this chat");
                    }
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
        return writes.run(
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
                                fileRequest(w, a.chat(), me, l);
                                return new ApiException(
                                        ErrorCode.INVITE_REQUEST_SENT,
                                        "This link needs approval: your request was sent to the"
                                                + " chat's admins");
                            }
                            if (!w.tx.invites().use(l.hash(), w.now)) {
                                throw new ApiException(
                                        ErrorCode.INVITE_HASH_EXPIRED,
                                        "This invite link has been used up");
                            }
                            membership.joinWithNotice(w, a.chat(), me, l.adminId(), me);
                            return queries.info(w.tx, Access.load(w.tx, l.chatId(), me, w.now));
                        })
                .thenApply(InviteService::chatInfo);
    }

    /**
     * Files the user's request once: a repeat tells the admins nothing new (one JoinRequested per
     * request), and through another link moves the request to that link.
     */
    private void fileRequest(UnitOfWork w, ChatRecord chat, long me, InviteRecord l) {
        Optional<InviteLinks.JoinRequestRecord> pending = w.tx.invites().request(chat.id(), me);
        if (pending.isEmpty()) {
            w.tx.invites().addRequest(chat.id(), me, w.now, l.hash());
            membership.announceRequest(w, chat, me);
        } else if (!pending.get().hash().equals(l.hash())) {
            w.tx.invites().addRequest(chat.id(), me, pending.get().date(), l.hash());
        }
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
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }

    /**
     * Approves or declines a request. An approval counts as a use of the request's link, in this
     * transaction: a link that has since expired or been used up admits nobody more, and such a
     * request is dropped (answered INVITE_HASH_EXPIRED).
     */
    public CompletableFuture<ChatInfo> decide(long me, long chatId, long userId, boolean approve) {
        return writes.run(
                        w -> {
                            Access a = Access.load(w.tx, chatId, me, w.now);
                            a.requireAdmin(Rights.INVITE_USERS, "invite_users");
                            var request =
                                    w.tx.invites()
                                            .request(chatId, userId)
                                            .orElseThrow(
                                                    () ->
                                                            new ApiException(
                                                                    ErrorCode.USER_NOT_FOUND,
                                                                    "That user has no pending"
                                                                            + " request to join"
                                                                            + " (revoking a link"
                                                                            + " drops its requests)"));
                            w.tx.invites().removeRequest(chatId, userId);
                            Access target = Access.load(w.tx, chatId, userId, w.now);
                            if (!approve || target.inChat()) {
                                adminLog.log(
                                        w,
                                        chatId,
                                        me,
                                        approve ? "approve_request" : "decline_request",
                                        userId,
                                        0,
                                        "");
                                return queries.info(w.tx, target);
                            }
                            if (target.banned()) {
                                throw new ApiException(
                                        ErrorCode.USER_BANNED_IN_CHANNEL,
                                        "That user is banned from this chat");
                            }
                            Optional<String> dead =
                                    w.tx.invites()
                                            .get(request.hash())
                                            .map(l -> l.unusable(w.now))
                                            .orElse(Optional.of("no longer exists"));
                            if (dead.isPresent() || !w.tx.invites().use(request.hash(), w.now)) {
                                String why = dead.orElse("has been used up");
                                adminLog.log(
                                        w,
                                        chatId,
                                        me,
                                        "decline_request",
                                        userId,
                                        0,
                                        "the link " + why);
                                return new ApiException(
                                        ErrorCode.INVITE_HASH_EXPIRED,
                                        "The link this request came through "
                                                + why
                                                + ": the request was dropped");
                            }
                            adminLog.log(w, chatId, me, "approve_request", userId, 0, "");
                            membership.joinWithNotice(w, a.chat(), userId, me, me);
                            return queries.info(w.tx, Access.load(w.tx, chatId, userId, w.now), me);
                        })
                .thenApply(InviteService::chatInfo);
    }

    /**
     * The answer of a write that may end in an error after committing (a filed or dropped request):
     * the error is returned from the transaction and thrown here.
     */
    private static ChatInfo chatInfo(Object result) {
        if (result instanceof ApiException e) {
            throw e;
        }
        return (ChatInfo) result;
    }

    /**
     * Admins manage (edit, revoke, replace) only the links they created; the creator manages every
     * link. Telegram's rule: an admin with invite_users cannot switch off approval on, or revoke,
     * the creator's links.
     */
    private static void requireManager(Access a, InviteRecord l) {
        if (l.adminId() != a.userId() && a.member().status() != MemberStatus.CREATOR) {
            throw new ApiException(
                    ErrorCode.RIGHT_FORBIDDEN,
                    "Only the chat's creator or the admin who created this link may change or"
                            + " revoke it");
        }
    }

    /** Revokes the link and drops the join requests filed through it (as Telegram does). */
    private static InviteRecord revoke(UnitOfWork w, InviteRecord l) {
        InviteRecord revoked = l.asRevoked();
        w.tx.invites().put(revoked);
        w.tx.invites().removeRequests(l.hash());
        return revoked;
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
        Optional<String> why = l.unusable(now);
        if (why.isPresent()) {
            throw new ApiException(ErrorCode.INVITE_HASH_EXPIRED, "This invite link " + why.get());
        }
        return l;
    }

    private static void check(int usageLimit) {
        if (usageLimit < 0 || usageLimit > MAX_USAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "A usage limit is 1 to " + MAX_USAGE + " (0: none)");
        }
    }

    /** 128 random bits; never starting with '-', so that a bare hash is no command-line option. */
    private static String hash() {
        String h;
        do {
            h = Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(16));
        } while (h.startsWith("-"));
        return h;
    }
}
