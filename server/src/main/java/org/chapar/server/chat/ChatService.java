package org.chapar.server.chat;

import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMemberList;
import org.chapar.protocol.ChatUpdated;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.account.UsernameOwner;
import org.chapar.server.account.Usernames;
import org.chapar.server.bus.UserFact;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;
import org.chapar.server.presence.OnlineUsers;
import org.chapar.server.privacy.PrivacyService;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdatePublisher;
import org.chapar.server.sync.Writes;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Creating shared chats, membership (join, leave, add, ban), admin rights, restrictions and chat
 * settings. Every check runs in the write transaction that makes the change.
 */
public final class ChatService implements AutoCloseable {
    static final int GROUP_LIMIT = 200;
    static final int SUPERGROUP_LIMIT = 200_000;
    static final Set<Integer> SLOW_MODES = Set.of(0, 10, 30, 60, 300, 900, 3600);
    static final long LOG_RETENTION = 48 * 3600;

    private final Store store;
    private final Clock clock;
    private final ChatPosts posts;
    private final UpdatePublisher publisher;
    private final UserViews users;
    private final OnlineUsers online;
    private final Targets targets;
    private final java.util.concurrent.ScheduledExecutorService retention =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "admin-log-retention");
                        t.setDaemon(true);
                        return t;
                    });

    private final Writes writes;

    public ChatService(
            Store store,
            Clock clock,
            UpdatePublisher publisher,
            UserViews users,
            OnlineUsers online,
            Writes writes) {
        this.writes = writes;
        this.store = store;
        this.clock = clock;
        this.publisher = publisher;
        this.users = users;
        this.online = online;
        this.posts = new ChatPosts();
        this.targets = new Targets(users.access());
        // every log write purges too; this catches logs of chats where no admin acts any more
        retention.scheduleWithFixedDelay(
                () -> store.write(tx -> tx.adminLog().purge(clock.millis() / 1000 - LOG_RETENTION)),
                1,
                60,
                java.util.concurrent.TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        retention.shutdownNow();
    }

    ChatPosts posts() {
        return posts;
    }

    /**
     * The supergroups and channels whose live posts the user follows: what a gateway subscribes to
     * when the user's first connection arrives on its node.
     */
    public CompletableFuture<List<Long>> liveChats(long userId) {
        return store.read(tx -> tx.members().ownBoxChats(userId))
                .thenApply(list -> list.stream().map(chat -> chat[0]).toList());
    }

    <T> CompletableFuture<T> write(java.util.function.Function<UnitOfWork, T> work) {
        return writes.run(work);
    }

    public CompletableFuture<ChatInfo> create(long me, CreateChat r) {
        ChatKind kind = r.getKind();
        if (kind != ChatKind.GROUP && kind != ChatKind.SUPERGROUP && kind != ChatKind.CHANNEL) {
            throw ApiException.badRequest("kind must be GROUP, SUPERGROUP or CHANNEL");
        }
        String title = title(r.getTitle());
        String username = r.getUsername().isEmpty() ? "" : Usernames.require(r.getUsername());
        if (!username.isEmpty() && kind == ChatKind.GROUP) {
            throw ApiException.badRequest(
                    "A group cannot be public: create a supergroup or upgrade it");
        }
        Map<Long, Long> invited = Targets.named(r.getMemberIdsList(), r.getMembersList());
        invited.remove(me);
        if (invited.size() >= (kind == ChatKind.GROUP ? GROUP_LIMIT : GROUP_LIMIT)) {
            throw new ApiException(
                    ErrorCode.CHAT_MEMBER_LIMIT,
                    "Add at most " + (GROUP_LIMIT - 1) + " members when creating a chat");
        }
        return write(
                w -> {
                    checkUsernameFree(w.tx, username, 0);
                    ChatRecord draft =
                            new ChatRecord(
                                    0,
                                    kind,
                                    title,
                                    clean(r.getAbout(), 255),
                                    username,
                                    me,
                                    false,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0,
                                    w.now);
                    long id = w.tx.sharedChats().create(draft);
                    ChatRecord chat = w.tx.sharedChats().get(id).orElseThrow();
                    w.tx.members().put(MemberRecord.joined(id, me, MemberStatus.CREATOR, w.now, 0));
                    w.tx.sharedChats().addMembers(id, 1);
                    w.tx.dialogs().onNewMessage(me, id, 0, 0, w.now, 0);
                    if (chat.ownBox()) {
                        w.afterCommit(() -> publisher.fact(me, new UserFact.Joined(id)));
                    }
                    chat = w.tx.sharedChats().get(id).orElseThrow();
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
                    List<Long> added = new java.util.ArrayList<>();
                    for (var target : invited.entrySet()) {
                        long user = target.getKey();
                        targets.require(w.tx, me, 0, user, target.getValue());
                        PrivacyService.requireMayAdd(w.tx, me, user);
                        admit(w, chat, user, me);
                        added.add(user);
                    }
                    chat = w.tx.sharedChats().get(id).orElseThrow();
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
                    return info(w.tx, Access.load(w.tx, id, me, w.now));
                });
    }

    public CompletableFuture<ChatInfo> info(long me, long chatId) {
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireReader();
                    return info(tx, a);
                });
    }

    public CompletableFuture<ChatInfo> resolve(long me, String rawName) {
        String name = Usernames.strip(rawName.strip());
        return store.read(
                tx -> {
                    ChatRecord c =
                            tx.sharedChats()
                                    .byUsername(name)
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.CHAT_NOT_FOUND,
                                                            "No chat is called @" + name));
                    return info(tx, Access.load(tx, c.id(), me, clock.millis() / 1000));
                });
    }

    public CompletableFuture<org.chapar.protocol.ChatList> search(String rawQuery, int limit) {
        String q = Usernames.strip(rawQuery == null ? "" : rawQuery.strip());
        if (q.isEmpty()) {
            throw ApiException.badRequest("Search for at least one character");
        }
        int n = limit <= 0 ? 20 : Math.min(limit, 50);
        return store.read(
                tx ->
                        org.chapar.protocol.ChatList.newBuilder()
                                .addAllChats(
                                        tx.sharedChats().searchByPrefix(q, n).stream()
                                                .map(ChatViews::chat)
                                                .toList())
                                .build());
    }

    /**
     * Typing in a group or supergroup: pushed to online members, never stored. An anonymous admin's
     * typing is not sent (it would name them); channels have none.
     */
    public CompletableFuture<Void> typing(
            long me, long chatId, org.chapar.protocol.TypingAction action) {
        return store.read(
                        tx -> {
                            Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                            a.requirePermission(Rights.SEND, Rights.POST_MESSAGES, "send_messages");
                            return a.chat().channel() || a.anonymous() ? null : a;
                        })
                .thenCompose(
                        a -> {
                            if (a == null) {
                                return CompletableFuture.completedFuture(null);
                            }
                            Update u =
                                    Update.newBuilder()
                                            .setUserTyping(
                                                    org.chapar.protocol.UserTyping.newBuilder()
                                                            .setPeer(ChatViews.peer(chatId))
                                                            .setUserId(me)
                                                            .setAction(action))
                                            .build();
                            if (a.chat().ownBox()) {
                                publisher.toChat(
                                        chatId,
                                        Updates.newBuilder()
                                                .addUpdates(u.toBuilder().setChannelId(chatId)));
                                return CompletableFuture.completedFuture(null);
                            }
                            return store.read(tx -> tx.members().userIds(chatId))
                                    .thenAccept(
                                            ids -> {
                                                for (long id : ids) {
                                                    if (id != me && online.isOnline(id)) {
                                                        publisher.toUser(
                                                                id,
                                                                Updates.newBuilder().addUpdates(u));
                                                    }
                                                }
                                            });
                        });
    }

    /** Tells the chat's admins who can approve it that someone asked to join. */
    /** The rule for user ids named in this package's requests. */
    Targets targets() {
        return targets;
    }

    void announceRequest(UnitOfWork w, ChatRecord chat, long userId) {
        org.chapar.protocol.Update u =
                org.chapar.protocol.Update.newBuilder()
                        .setJoinRequested(
                                org.chapar.protocol.JoinRequested.newBuilder()
                                        .setChatId(chat.id())
                                        .setUserId(userId)
                                        .setDate(w.now))
                        .build();
        List<AccountRecord> who = w.tx.accounts().byIds(java.util.Set.of(userId));
        List<MemberRecord> admins =
                new java.util.ArrayList<>(
                        w.tx.members().list(chat.id(), MemberStatus.CREATOR, 0, 1));
        admins.addAll(w.tx.members().list(chat.id(), MemberStatus.ADMIN, 0, 1000));
        for (MemberRecord admin : admins) {
            if (admin.status() == MemberStatus.CREATOR
                    || Rights.has(admin.adminRights(), Rights.INVITE_USERS)) {
                long id = admin.userId();
                var users = this.users.render(w.tx, who, id);
                w.afterCommit(
                        () ->
                                publisher.toUser(
                                        id, Updates.newBuilder().addUpdates(u).addAllUsers(users)));
            }
        }
    }

    ChatInfo info(StoreTx tx, Access a) {
        return info(tx, a, a.userId());
    }

    /** The chat and {@code a}'s membership, answered to {@code viewer} (a itself or an admin). */
    ChatInfo info(StoreTx tx, Access a, long viewer) {
        ChatInfo.Builder b =
                ChatInfo.newBuilder()
                        .setChat(ChatViews.chat(a.chat()))
                        .setSelf(ChatViews.member(tx, a, a.member()));
        if (a.inChat()) {
            b.setUnreadMentionsCount(tx.messages().unreadMentions(a.chat().id(), a.userId()));
        }
        tx.accounts().byId(a.userId()).ifPresent(acc -> b.addUsers(users.render(tx, acc, viewer)));
        return b.build();
    }

    /**
     * Joins a public supergroup or channel by id or username. Invite links: {@link InviteService}.
     */
    public CompletableFuture<ChatInfo> joinPublic(long me, long chatId, String username) {
        return write(
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
                    joinWithNotice(w, chat, me, 0);
                    return info(w.tx, Access.load(w.tx, chat.id(), me, w.now));
                });
    }

    /** Adds the user and posts "joined" (groups and supergroups). */
    void joinWithNotice(UnitOfWork w, ChatRecord chat, long userId, long inviter) {
        admit(w, chat, userId, inviter);
        if (!chat.channel()) {
            posts.service(
                    w,
                    fresh(w, chat),
                    userId,
                    MessageAction.newBuilder()
                            .setType(MessageAction.Type.MEMBER_JOINED)
                            .addUserIds(userId)
                            .build());
        }
    }

    /**
     * Makes the user a member: takes a seat (the limit is checked by the conditional count, which
     * comes first so that the membership read after it is not raced), follows the box, tells the
     * user.
     */
    void admit(UnitOfWork w, ChatRecord chat, long userId, long inviter) {
        ChatRecord now = fresh(w, chat);
        int limit =
                now.kind() == ChatKind.GROUP
                        ? GROUP_LIMIT
                        : now.kind() == ChatKind.SUPERGROUP ? SUPERGROUP_LIMIT : Integer.MAX_VALUE;
        if (!w.tx.sharedChats().addMember(chat.id(), limit)) {
            throw new ApiException(
                    ErrorCode.CHAT_MEMBER_LIMIT,
                    now.kind() == ChatKind.GROUP
                            ? "A group has at most "
                                    + GROUP_LIMIT
                                    + " members: upgrade it to a supergroup"
                            : "This chat is full");
        }
        var old = w.tx.members().get(chat.id(), userId).map(m -> Access.effective(m, w.now));
        if (old.isPresent() && old.get().inChat()) {
            throw new ApiException(
                    ErrorCode.USER_ALREADY_PARTICIPANT, "That user is already a member");
        }
        MemberRecord joined =
                MemberRecord.joined(chat.id(), userId, MemberStatus.MEMBER, w.now, inviter);
        if (old.isPresent() && old.get().status() == MemberStatus.LEFT) {
            // restrictions belong to the (chat, user) pair: leaving and rejoining keeps them (a
            // banned user re-added by an admin with ban_users is unbanned, and starts clean)
            joined =
                    joined.with(
                            MemberStatus.MEMBER,
                            0,
                            old.get().bannedRights(),
                            old.get().untilDate(),
                            0);
        }
        w.tx.members().put(joined);
        w.tx.invites().removeRequest(chat.id(), userId);
        w.tx.dialogs().onNewMessage(userId, chat.id(), 0, lastMessage(w, chat.id()), w.now, 0);
        if (now.ownBox()) {
            w.afterCommit(() -> publisher.fact(userId, new UserFact.Joined(chat.id())));
        }
        tellUser(w, fresh(w, chat), userId, MemberStatus.MEMBER);
    }

    /**
     * Takes the user out (left or banned): freezes their dialog where the membership ends, stops
     * their live feed and tells them. {@code banned}: the restrictions they keep (a ban's include
     * view_messages).
     */
    void expel(
            UnitOfWork w,
            ChatRecord chat,
            MemberRecord m,
            MemberStatus status,
            int banned,
            long until) {
        boolean wasIn = Access.inChat(Access.effective(m, w.now).status());
        MemberRecord out = m.with(status, 0, banned, until, 0);
        w.tx.members().put(wasIn ? out.leftAt(w.now) : out);
        if (wasIn) {
            w.tx.sharedChats().addMembers(chat.id(), -1);
            freezeDialog(w, chat.id(), m.userId());
        }
        if (chat.ownBox()) {
            w.afterCommit(() -> publisher.fact(m.userId(), new UserFact.Left(chat.id())));
        }
        tellUser(w, fresh(w, chat), m.userId(), status);
    }

    /**
     * Pins a departing user's dialog to the newest message they were entitled to: the dialog query
     * shows a chat the user is not in as of this row, never the chat's live head.
     */
    private static void freezeDialog(UnitOfWork w, long chatId, long userId) {
        w.tx.dialogs()
                .get(userId, chatId)
                .ifPresent(
                        d -> {
                            var top = w.tx.messages().newestVisible(chatId, userId);
                            w.tx.dialogs()
                                    .setTop(
                                            userId,
                                            chatId,
                                            top.map(m -> m.id()).orElse(0L),
                                            top.map(m -> m.date()).orElse(d.topDate()),
                                            w.tx.messages()
                                                    .countUnread(
                                                            chatId, userId, d.readInboxMaxId()));
                        });
    }

    void tellUser(UnitOfWork w, ChatRecord chat, long userId, MemberStatus status) {
        Update u =
                Update.newBuilder()
                        .setChatUpdated(
                                ChatUpdated.newBuilder()
                                        .setChat(ChatViews.chat(chat))
                                        .setStatus(status))
                        .build();
        w.afterCommit(() -> publisher.toUser(userId, Updates.newBuilder().addUpdates(u)));
    }

    public CompletableFuture<ChatInfo> leave(long me, long chatId) {
        return write(
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
                    expel(w, a.chat(), m, MemberStatus.LEFT, m.bannedRights(), m.untilDate());
                    return info(w.tx, Access.load(w.tx, chatId, me, w.now));
                });
    }

    public CompletableFuture<ChatInfo> addMembers(long me, AddChatMembers r) {
        long chatId = r.getChatId();
        Map<Long, Long> named = Targets.named(r.getUserIdsList(), r.getUsersList());
        if (named.isEmpty() || named.size() > 200) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "Add 1 to 200 users at once");
        }
        return write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requirePermission(Rights.INVITE, Rights.INVITE_USERS, "invite_users");
                    List<Long> added = new java.util.ArrayList<>();
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
                        admit(w, a.chat(), user, me);
                        added.add(user);
                    }
                    if (!a.chat().channel()) {
                        posts.service(
                                w,
                                fresh(w, a.chat()),
                                a.visibleActor(),
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.MEMBERS_ADDED)
                                        .addAllUserIds(added)
                                        .build());
                    }
                    return info(w.tx, Access.load(w.tx, chatId, me, w.now));
                });
    }

    public CompletableFuture<ChatMemberList> members(long me, GetChatMembers r) {
        int limit = r.getLimit() == 0 ? 100 : r.getLimit();
        if (limit < 1 || limit > 200 || r.getOffset() < 0) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "A page has 1 to 200 members");
        }
        return store.read(
                tx -> {
                    Access a = Access.load(tx, r.getChatId(), me, clock.millis() / 1000);
                    a.requireMember();
                    if (a.chat().channel() && !a.admin()) {
                        throw new ApiException(
                                ErrorCode.CHAT_ADMIN_REQUIRED,
                                "Only admins may see who is subscribed to a channel");
                    }
                    MemberStatus status =
                            switch (r.getFilter()) {
                                case FILTER_ADMINS -> MemberStatus.ADMIN;
                                case FILTER_BANNED -> MemberStatus.BANNED;
                                case FILTER_RESTRICTED -> MemberStatus.MEMBER;
                                default -> null;
                            };
                    if ((r.getFilter() == MemberFilter.FILTER_BANNED
                                    || r.getFilter() == MemberFilter.FILTER_RESTRICTED)
                            && !a.hasAdmin(Rights.BAN_USERS)) {
                        throw new ApiException(
                                ErrorCode.CHAT_ADMIN_REQUIRED,
                                "Only admins with ban_users see these lists");
                    }
                    ChatMemberList.Builder out =
                            ChatMemberList.newBuilder().setCount(a.chat().membersCount());
                    List<MemberRecord> list = new java.util.ArrayList<>();
                    if (r.getFilter() == MemberFilter.FILTER_ADMINS) {
                        list.addAll(tx.members().list(r.getChatId(), MemberStatus.CREATOR, 0, 1));
                    }
                    list.addAll(tx.members().list(r.getChatId(), status, r.getOffset(), limit));
                    Set<Long> ids = new LinkedHashSet<>();
                    for (MemberRecord m : list) {
                        MemberRecord e = Access.effective(m, clock.millis() / 1000);
                        if (r.getFilter() == MemberFilter.FILTER_RESTRICTED
                                && e.bannedRights() == 0) {
                            continue;
                        }
                        if (r.getFilter() == MemberFilter.FILTER_BANNED
                                && e.status() != MemberStatus.BANNED) {
                            continue;
                        }
                        if (r.getFilter() == MemberFilter.FILTER_ADMINS
                                && !a.admin()
                                && Access.hidesActor(a.chat(), e)) {
                            continue; // an anonymous admin is a plain member to members
                        }
                        out.addMembers(ChatViews.member(tx, a, e));
                        ids.add(m.userId());
                    }
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }

    /** Appends to the admin log (supergroups and channels keep one) and drops entries past 48 h. */
    static void log(
            UnitOfWork w,
            long chatId,
            long userId,
            String action,
            long target,
            long messageId,
            String details) {
        w.tx.adminLog().append(chatId, w.now, userId, action, target, messageId, details);
        w.tx.adminLog().purge(w.now - LOG_RETENTION);
    }

    static ChatRecord fresh(UnitOfWork w, ChatRecord chat) {
        return w.tx.sharedChats().get(chat.id()).orElseThrow();
    }

    private static long lastMessage(UnitOfWork w, long chatId) {
        return w.tx.messages().newestVisible(chatId, 0).map(m -> m.id()).orElse(0L);
    }

    static void checkUsernameFree(StoreTx tx, String username, long self) {
        if (username.isEmpty()) {
            return;
        }
        var holder = tx.usernames().owner(username);
        if (holder.isPresent() && !holder.get().equals(UsernameOwner.chat(self))) {
            throw new ApiException(ErrorCode.USERNAME_OCCUPIED, "@" + username + " is taken");
        }
    }

    static String title(String raw) {
        String t = Names.clean(raw, 128, "A chat title");
        if (t.isEmpty()) {
            throw ApiException.badRequest("A chat needs a title of 1 to 128 characters");
        }
        return t;
    }

    static String clean(String s, int max) {
        String stripped =
                s.codePoints()
                        .filter(c -> !Character.isISOControl(c) || c == '\n')
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString()
                        .strip();
        return stripped.codePointCount(0, stripped.length()) <= max
                ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, max));
    }

    List<AccountRecord> accounts(StoreTx tx, Set<Long> ids) {
        return tx.accounts().byIds(ids);
    }
}
