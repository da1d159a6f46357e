package org.chapar.server.chat;

import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatList;
import org.chapar.protocol.ChatMemberList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.account.UserViews;
import org.chapar.server.account.Usernames;
import org.chapar.server.core.ApiException;
import org.chapar.server.presence.TypingAudience;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What shared chats answer without changing anything: a chat and the caller's membership, look-up
 * by @name, the public directory, member lists, the chats whose live posts a user follows, and who
 * sees a user typing. Each read checks the caller's standing ({@link Access}) in its snapshot.
 */
public final class ChatQueries {
    private final Store store;
    private final Clock clock;
    private final UserViews users;

    public ChatQueries(Store store, Clock clock, UserViews users) {
        this.store = store;
        this.clock = clock;
        this.users = users;
    }

    public CompletableFuture<ChatInfo> info(long me, long chatId) {
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, now());
                    a.requireReader();
                    return info(tx, a);
                });
    }

    /** The chat and {@code a}'s membership, answered to {@code a} itself. */
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
                    return info(tx, Access.load(tx, c.id(), me, now()));
                });
    }

    public CompletableFuture<ChatList> search(String rawQuery, int limit) {
        String q = Usernames.strip(rawQuery == null ? "" : rawQuery.strip());
        if (q.isEmpty()) {
            throw ApiException.badRequest("Search for at least one character");
        }
        int n = limit <= 0 ? 20 : Math.min(limit, 50);
        return store.read(
                tx ->
                        ChatList.newBuilder()
                                .addAllChats(
                                        tx.sharedChats().searchByPrefix(q, n).stream()
                                                .map(ChatViews::chat)
                                                .toList())
                                .build());
    }

    public CompletableFuture<ChatMemberList> members(long me, GetChatMembers r) {
        int limit = r.getLimit() == 0 ? 100 : r.getLimit();
        if (limit < 1 || limit > 200 || r.getOffset() < 0) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "A page has 1 to 200 members");
        }
        return store.read(
                tx -> {
                    long now = now();
                    Access a = Access.load(tx, r.getChatId(), me, now);
                    a.requireMember();
                    if (a.chat().channel() && !a.admin()) {
                        throw new ApiException(
                                ErrorCode.CHAT_ADMIN_REQUIRED,
                                "Only admins may see who is subscribed to a channel");
                    }
                    MemberFilter filter = r.getFilter();
                    if ((filter == MemberFilter.FILTER_BANNED
                                    || filter == MemberFilter.FILTER_RESTRICTED)
                            && !a.hasAdmin(Rights.BAN_USERS)) {
                        throw new ApiException(
                                ErrorCode.CHAT_ADMIN_REQUIRED,
                                "Only admins with ban_users see these lists");
                    }
                    ChatMemberList.Builder out =
                            ChatMemberList.newBuilder().setCount(a.chat().membersCount());
                    List<MemberRecord> list = new ArrayList<>();
                    if (filter == MemberFilter.FILTER_ADMINS) {
                        list.addAll(tx.members().list(r.getChatId(), MemberStatus.CREATOR, 0, 1));
                    }
                    list.addAll(
                            tx.members().list(r.getChatId(), stored(filter), r.getOffset(), limit));
                    Set<Long> ids = new LinkedHashSet<>();
                    for (MemberRecord m : list) {
                        MemberRecord e = Access.effective(m, now);
                        if (shows(a, filter, e)) {
                            out.addMembers(ChatViews.member(tx, a, e));
                            ids.add(m.userId());
                        }
                    }
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }

    /** The stored status a filter lists (null: every status). */
    private static MemberStatus stored(MemberFilter filter) {
        return switch (filter) {
            case FILTER_ADMINS -> MemberStatus.ADMIN;
            case FILTER_BANNED -> MemberStatus.BANNED;
            case FILTER_RESTRICTED -> MemberStatus.MEMBER;
            default -> null;
        };
    }

    /** Whether the listed (effective) membership belongs in the filter's page for {@code a}. */
    private static boolean shows(Access a, MemberFilter filter, MemberRecord e) {
        return switch (filter) {
            case FILTER_RESTRICTED -> e.bannedRights() != 0;
            case FILTER_BANNED -> e.status() == MemberStatus.BANNED;
            // an anonymous admin is a plain member to members
            case FILTER_ADMINS -> a.admin() || !Access.hidesActor(a.chat(), e);
            default -> true;
        };
    }

    /**
     * The supergroups and channels whose live posts the user follows: what a gateway subscribes to
     * when the user's first connection arrives on its node.
     */
    public CompletableFuture<List<Long>> liveChats(long userId) {
        return store.read(tx -> tx.members().ownBoxChats(userId))
                .thenApply(list -> list.stream().map(chat -> chat[0]).toList());
    }

    /**
     * Who sees the user typing in the chat, for {@code PresenceService}: typing needs the right to
     * send. A channel has no typing, and an anonymous admin's is not shown (it would name them).
     */
    public TypingAudience typingAudience(StoreTx tx, long userId, long chatId) {
        Access a = Access.load(tx, chatId, userId, now());
        a.requirePermission(Rights.SEND, Rights.POST_MESSAGES, "send_messages");
        if (a.chat().channel() || a.anonymous()) {
            return TypingAudience.nobody();
        }
        return a.chat().ownBox()
                ? TypingAudience.chatTopic(chatId)
                : TypingAudience.members(tx.members().userIds(chatId));
    }

    private long now() {
        return clock.millis() / 1000;
    }
}
