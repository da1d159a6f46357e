package org.chapar.server.chat;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatUpdated;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.JoinRequested;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.bus.UserFact;
import org.chapar.server.core.ApiException;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdatePublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moving a user into and out of a shared chat, inside the write of whichever request does it
 * (create, add, join by name or link, approve, leave, ban): a seat under the chat's member limit,
 * the dialog, following or leaving the chat's box, and telling the user and the chat's admins. The
 * permission rules are the caller's, checked before.
 */
public final class Membership {
    private static final int GROUP_LIMIT = 200;
    private static final int SUPERGROUP_LIMIT = 200_000;

    private final ChatPosts posts;
    private final UpdatePublisher publisher;
    private final UserViews users;

    public Membership(ChatPosts posts, UpdatePublisher publisher, UserViews users) {
        this.posts = posts;
        this.publisher = publisher;
        this.users = users;
    }

    /** How many members a chat of this kind holds (a channel: no limit). */
    int limit(ChatKind kind) {
        return switch (kind) {
            case GROUP -> GROUP_LIMIT;
            case SUPERGROUP -> SUPERGROUP_LIMIT;
            default -> Integer.MAX_VALUE;
        };
    }

    /** Adds the user and posts "joined" (groups and supergroups). */
    void joinWithNotice(UnitOfWork w, ChatRecord chat, long userId, long inviter, long actor) {
        admit(w, chat, userId, inviter, actor);
        if (!chat.channel()) {
            posts.service(
                    w,
                    w.tx.sharedChats().current(chat.id()),
                    userId,
                    MessageAction.newBuilder()
                            .setType(MessageAction.Type.MEMBER_JOINED)
                            .addUserIds(userId)
                            .build());
        }
    }

    /**
     * Makes the user a member: takes a seat where the chat has a limit (the conditional count,
     * which comes first so that the membership read after it is not raced), follows the box, tells
     * the user. A channel has no seats: its count waits for the commit, and the membership is
     * written only if it is still as read ({@link Members#putIfUnchanged}), so that joins of one
     * channel on several nodes do not all queue for its row. {@code actor}: who let them in (the
     * user themselves when joining by name or link).
     */
    void admit(UnitOfWork w, ChatRecord chat, long userId, long inviter, long actor) {
        ChatRecord now = w.tx.sharedChats().current(chat.id());
        boolean seats = limit(now.kind()) != Integer.MAX_VALUE;
        if (seats && !w.tx.sharedChats().addMember(chat.id(), limit(now.kind()))) {
            throw new ApiException(
                    ErrorCode.CHAT_MEMBER_LIMIT,
                    now.kind() == ChatKind.GROUP
                            ? "A group has at most "
                                    + GROUP_LIMIT
                                    + " members: upgrade it to a supergroup"
                            : "This chat is full");
        }
        var stored = w.tx.members().get(chat.id(), userId);
        var old = stored.map(m -> Access.effective(m, w.now));
        if (old.isPresent() && old.get().inChat()) {
            throw new ApiException(
                    ErrorCode.USER_ALREADY_PARTICIPANT, "That user is already a member");
        }
        MemberRecord joined =
                MemberRecord.joined(chat.id(), userId, MemberStatus.MEMBER, w.now, inviter);
        if (old.isPresent() && old.get().status() == MemberStatus.LEFT) {
            // restrictions belong to the (chat, user) pair: leaving and rejoining keeps them (a
            // banned user re-added by an admin with ban_users is unbanned, and starts clean)
            joined = joined.withRestrictions(old.get().bannedRights(), old.get().untilDate());
        }
        if (seats) {
            w.tx.members().put(joined);
        } else {
            w.tx.members().putIfUnchanged(joined, stored.map(MemberRecord::status).orElse(null));
            w.tx.sharedChats().addMembers(chat.id(), 1);
        }
        changed(w, now, old.orElse(MemberRecord.absent(chat.id(), userId)), joined, actor);
        w.tx.invites().removeRequest(chat.id(), userId);
        w.tx.dialogs().onNewMessage(userId, chat.id(), 0, lastMessage(w, chat.id()), w.now, 0, 0);
        if (now.ownBox()) {
            w.afterCommit(() -> publisher.fact(userId, new UserFact.Joined(chat.id())));
        }
        tellUser(w, w.tx.sharedChats().current(chat.id()), userId, MemberStatus.MEMBER);
    }

    /**
     * Takes the user out (left or banned): freezes their dialog where the membership ends, stops
     * their live feed and tells them. {@code banned}: the restrictions they keep (a ban's include
     * view_messages); {@code actor}: who did it (the user themselves when leaving).
     */
    void expel(
            UnitOfWork w,
            ChatRecord chat,
            MemberRecord m,
            MemberStatus status,
            int banned,
            long until,
            long actor) {
        MemberRecord before = Access.effective(m, w.now);
        boolean wasIn = Access.inChat(before.status());
        MemberRecord out = m.demotedTo(status).withRestrictions(banned, until);
        w.tx.members().put(wasIn ? out.leftAt(w.now) : out);
        changed(w, chat, before, out, actor);
        if (wasIn) {
            w.tx.sharedChats().addMembers(chat.id(), -1);
            freezeDialog(w, chat.id(), m.userId());
        }
        if (chat.ownBox()) {
            w.afterCommit(() -> publisher.fact(m.userId(), new UserFact.Left(chat.id())));
        }
        tellUser(w, w.tx.sharedChats().current(chat.id()), m.userId(), status);
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

    /** Tells the user, after commit, the chat as it is now and their status in it. */
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

    /**
     * Tells the bots that may see it ({@link BotMemberEvents}) that a membership changed from
     * {@code before} to {@code after} (both as in effect now) by {@code actor}'s doing.
     */
    void changed(
            UnitOfWork w, ChatRecord chat, MemberRecord before, MemberRecord after, long actor) {
        BotMemberEvents.changed(w, chat, before, after, actor);
    }

    /** Tells the chat's admins who can approve it that someone asked to join. */
    void announceRequest(UnitOfWork w, ChatRecord chat, long userId) {
        Update u =
                Update.newBuilder()
                        .setJoinRequested(
                                JoinRequested.newBuilder()
                                        .setChatId(chat.id())
                                        .setUserId(userId)
                                        .setDate(w.now))
                        .build();
        List<AccountRecord> who = w.tx.accounts().byIds(Set.of(userId));
        List<MemberRecord> admins =
                new ArrayList<>(w.tx.members().list(chat.id(), MemberStatus.CREATOR, 0, 1));
        admins.addAll(w.tx.members().list(chat.id(), MemberStatus.ADMIN, 0, 1000));
        BotMemberEvents.requested(w, chat, userId);
        for (MemberRecord admin : admins) {
            if (admin.status() == MemberStatus.CREATOR
                    || Rights.has(admin.adminRights(), Rights.INVITE_USERS)) {
                long id = admin.userId();
                var rendered = users.render(w.tx, who, id);
                w.afterCommit(
                        () ->
                                publisher.toUser(
                                        id,
                                        Updates.newBuilder().addUpdates(u).addAllUsers(rendered)));
            }
        }
    }

    private static long lastMessage(UnitOfWork w, long chatId) {
        return w.tx.messages().newestVisible(chatId, 0).map(m -> m.id()).orElse(0L);
    }
}
