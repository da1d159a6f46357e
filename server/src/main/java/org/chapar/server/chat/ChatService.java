package org.chapar.server.chat;

import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.MessageAction;
import org.chapar.server.account.UserViews;
import org.chapar.server.account.Usernames;
import org.chapar.server.bus.UserFact;
import org.chapar.server.core.ApiException;
import org.chapar.server.privacy.PrivacyService;
import org.chapar.server.store.Store;
import org.chapar.server.sync.UpdatePublisher;
import org.chapar.server.sync.Writes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The membership requests of shared chats: create one, join a public one by id or @name, leave, add
 * members. Each checks the caller's rights and makes the change in one write; {@link Membership}
 * does the moving in and out. Joining by link is {@link InviteService}'s.
 */
public final class ChatService {
    private final Store store;
    private final Clock clock;
    private final Writes writes;
    private final Membership membership;
    private final ChatQueries queries;
    private final ChatPosts posts;
    private final UpdatePublisher publisher;
    private final Targets targets;

    public ChatService(
            Store store,
            Clock clock,
            Writes writes,
            Membership membership,
            ChatQueries queries,
            ChatPosts posts,
            UpdatePublisher publisher,
            UserViews users) {
        this.store = store;
        this.clock = clock;
        this.writes = writes;
        this.membership = membership;
        this.queries = queries;
        this.posts = posts;
        this.publisher = publisher;
        this.targets = new Targets(users.access());
    }

    public CompletableFuture<ChatInfo> create(long me, CreateChat r) {
        ChatKind kind = r.getKind();
        if (kind != ChatKind.GROUP && kind != ChatKind.SUPERGROUP && kind != ChatKind.CHANNEL) {
            throw ApiException.badRequest("kind must be GROUP, SUPERGROUP or CHANNEL");
        }
        String title = ChatFields.title(r.getTitle());
        String username = ChatFields.username(r.getUsername());
        if (!username.isEmpty() && kind == ChatKind.GROUP) {
            throw ApiException.badRequest(
                    "A group cannot be public: create a supergroup or upgrade it");
        }
        Map<Long, Long> invited = Targets.named(r.getMemberIdsList(), r.getMembersList());
        invited.remove(me);
        // a new chat of any kind starts within a group's limit, the creator included
        int limit = membership.limit(ChatKind.GROUP);
        if (invited.size() >= limit) {
            throw new ApiException(
                    ErrorCode.CHAT_MEMBER_LIMIT,
                    "Add at most " + (limit - 1) + " members when creating a chat");
        }
        return writes.run(
                w -> {
                    ChatFields.requireUsernameFree(w.tx, username, 0);
                    long id =
                            w.tx.sharedChats()
                                    .create(
                                            ChatRecord.newChat(
                                                    kind,
                                                    title,
                                                    ChatFields.about(r.getAbout()),
                                                    username,
                                                    me,
                                                    w.now));
                    ChatRecord chat = w.tx.sharedChats().current(id);
                    w.tx.members().put(MemberRecord.joined(id, me, MemberStatus.CREATOR, w.now, 0));
                    w.tx.sharedChats().addMembers(id, 1);
                    w.tx.dialogs().onNewMessage(me, id, 0, 0, w.now, 0, 0);
                    if (chat.ownBox()) {
                        w.afterCommit(() -> publisher.fact(me, new UserFact.Joined(id)));
                    }
                    chat = w.tx.sharedChats().current(id);
                    if (kind != ChatKind.CHANNEL) {
                        posts.service(
                                w,
                                chat,
                                me,
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.CHAT_CREATED)
                                        .setTitle(title)
                                        .build());
                    }
                    List<Long> added = new ArrayList<>();
                    for (var target : invited.entrySet()) {
                        long user = target.getKey();
                        targets.require(w.tx, me, 0, user, target.getValue());
                        PrivacyService.requireMayAdd(w.tx, me, user);
                        membership.admit(w, chat, user, me, me);
                        added.add(user);
                    }
                    chat = w.tx.sharedChats().current(id);
                    if (!added.isEmpty() && kind != ChatKind.CHANNEL) {
                        posts.service(
                                w,
                                chat,
                                me,
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.MEMBERS_ADDED)
                                        .addAllUserIds(added)
                                        .build());
                    }
                    return queries.info(w.tx, Access.load(w.tx, id, me, w.now));
                });
    }

    /**
     * Joins a public supergroup or channel by id or username. Invite links: {@link InviteService}.
     */
    public CompletableFuture<ChatInfo> joinPublic(long me, long chatId, String username) {
        return writes.run(
                w -> {
                    ChatRecord chat =
                            chatId != 0
                                    ? w.tx.sharedChats().get(chatId).orElse(null)
                                    : w.tx.sharedChats()
                                            .byUsername(Usernames.strip(username.strip()))
                                            .orElse(null);
                    if (chat == null) {
                        throw chatId != 0
                                ? Access.notVisible()
                                : new ApiException(
                                        ErrorCode.CHAT_NOT_FOUND, "No public chat has that name");
                    }
                    Access a = Access.load(w.tx, chat.id(), me, w.now);
                    if (a.banned()) {
                        throw new ApiException(
                                ErrorCode.USER_BANNED_IN_CHANNEL, "You are banned from this chat");
                    }
                    if (chat.username().isEmpty()) {
                        throw Access.notVisible(); // join private chats with an invite link
                    }
                    if (a.inChat()) {
                        throw new ApiException(
                                ErrorCode.USER_ALREADY_PARTICIPANT, "You are already a member");
                    }
                    membership.joinWithNotice(w, chat, me, 0, me);
                    return queries.info(w.tx, Access.load(w.tx, chat.id(), me, w.now));
                });
    }

    public CompletableFuture<ChatInfo> leave(long me, long chatId) {
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireMember();
                    if (a.member().status() == MemberStatus.CREATOR) {
                        throw new ApiException(
                                ErrorCode.RIGHT_FORBIDDEN, "The creator cannot leave the chat");
                    }
                    if (!a.chat().channel()) {
                        posts.service(
                                w,
                                a.chat(),
                                me,
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.MEMBER_LEFT)
                                        .addUserIds(me)
                                        .build());
                    }
                    MemberRecord m = a.member();
                    membership.expel(
                            w, a.chat(), m, MemberStatus.LEFT, m.bannedRights(), m.untilDate(), me);
                    return queries.info(w.tx, Access.load(w.tx, chatId, me, w.now));
                });
    }

    public CompletableFuture<ChatInfo> addMembers(long me, AddChatMembers r) {
        long chatId = r.getChatId();
        Map<Long, Long> named = Targets.named(r.getUserIdsList(), r.getUsersList());
        if (named.isEmpty() || named.size() > 200) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "Add 1 to 200 users at once");
        }
        return writes.run(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requirePermission(Rights.INVITE, Rights.INVITE_USERS, "invite_users");
                    List<Long> added = new ArrayList<>();
                    for (var target : named.entrySet()) {
                        long user = target.getKey();
                        targets.require(w.tx, me, chatId, user, target.getValue());
                        PrivacyService.requireMayAdd(w.tx, me, user);
                        var m =
                                w.tx.members()
                                        .get(chatId, user)
                                        .map(x -> Access.effective(x, w.now));
                        if (m.isPresent()
                                && m.get().status() == MemberStatus.BANNED
                                && !a.hasAdmin(Rights.BAN_USERS)) {
                            throw new ApiException(
                                    ErrorCode.USER_BANNED_IN_CHANNEL,
                                    "That user is banned: only an admin with ban_users can add them back");
                        }
                        membership.admit(w, a.chat(), user, me, me);
                        added.add(user);
                    }
                    if (!a.chat().channel()) {
                        posts.service(
                                w,
                                w.tx.sharedChats().current(chatId),
                                a.visibleActor(),
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.MEMBERS_ADDED)
                                        .addAllUserIds(added)
                                        .build());
                    }
                    return queries.info(w.tx, Access.load(w.tx, chatId, me, w.now));
                });
    }
}
