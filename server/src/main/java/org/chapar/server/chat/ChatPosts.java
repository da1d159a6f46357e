package org.chapar.server.chat;

import org.chapar.protocol.MessageAction;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdatePublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes events into shared chats and delivers them. A group's event is appended to every member's
 * common box and pushed to each member; a supergroup's or channel's is appended once to the chat's
 * own box and published once on the chat's topic, encoded once for all members.
 */
final class ChatPosts {
    private static final Pattern MENTION =
            Pattern.compile("(?<![A-Za-z0-9_])@([A-Za-z0-9_]{5,32})");

    private final UpdatePublisher publisher;
    private final UserViews users;

    ChatPosts(UpdatePublisher publisher, UserViews users) {
        this.publisher = publisher;
        this.users = users;
    }

    /**
     * Stores a new message (its id is allocated here) and delivers it; returns the stored message
     * and the pts of the event in the box the caller follows for this chat.
     */
    Posted post(
            ChatWrite w,
            ChatRecord chat,
            long fromId,
            String text,
            long replyToId,
            String postAuthor,
            org.chapar.protocol.ForwardHeader fwd,
            MessageAction action,
            long caller) {
        long id = w.tx.chats().nextMessageId(chat.id());
        MessageRecord m =
                new MessageRecord(
                        chat.id(),
                        id,
                        fromId,
                        w.now,
                        text,
                        replyToId,
                        0,
                        0,
                        0,
                        false,
                        postAuthor,
                        fwd,
                        action);
        w.tx.messages().insert(m);
        List<Long> mentioned = mentions(w, chat, m);
        List<AccountRecord> accounts = new ArrayList<>();
        if (fromId != 0) {
            w.tx.accounts().byId(fromId).ifPresent(accounts::add);
        }
        if (action != null) {
            accounts.addAll(w.tx.accounts().byIds(action.getUserIdsList()));
        }
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat.id(), id, w.now);
        long pts =
                event(
                        w,
                        chat,
                        e,
                        viewer ->
                                Update.newBuilder()
                                        .setNewMessage(
                                                NewMessage.newBuilder()
                                                        .setMessage(
                                                                MessageViews.renderShared(
                                                                        m,
                                                                        viewer,
                                                                        chat.channel(),
                                                                        viewer != 0
                                                                                && mentioned
                                                                                        .contains(
                                                                                                viewer)))),
                        accounts,
                        caller,
                        caller);
        return new Posted(m, pts);
    }

    record Posted(MessageRecord message, long pts) {}

    Posted service(ChatWrite w, ChatRecord chat, long actor, MessageAction action) {
        return post(w, chat, actor, "", 0, "", null, action, actor);
    }

    /**
     * Appends one event to the chat's box (or each member's common box) and pushes it after the
     * commit; {@code render} builds the update for a viewer (0: the one form for all members).
     * Returns the pts of {@code caller}'s box.
     */
    long event(
            ChatWrite w,
            ChatRecord chat,
            BoxEvent e,
            LongFunction<Update.Builder> render,
            List<AccountRecord> accounts,
            long caller,
            long sender) {
        if (chat.ownBox()) {
            long pts = w.tx.channelBoxes().append(chat.id(), e);
            Update u =
                    render.apply(0)
                            .setPts(pts)
                            .setPtsCount(e.ptsCount())
                            .setChannelId(chat.id())
                            .build();
            List<User> rendered = users.render(w.tx, accounts, 0);
            w.afterCommit(
                    () ->
                            publisher.toChat(
                                    chat.id(),
                                    Updates.newBuilder().addUpdates(u).addAllUsers(rendered)));
            return pts;
        }
        long callerPts = 0;
        for (long member : w.tx.members().userIds(chat.id())) {
            long pts = w.tx.boxes().append(member, e);
            if (e.kind() == BoxEvent.Kind.NEW_MESSAGE) {
                w.tx.dialogs()
                        .onNewMessage(
                                member,
                                chat.id(),
                                0,
                                e.messageId(),
                                w.now,
                                member == sender ? 0 : 1);
            }
            if (member == caller) {
                callerPts = pts;
            }
            Update u = render.apply(member).setPts(pts).setPtsCount(e.ptsCount()).build();
            List<User> rendered = users.render(w.tx, accounts, member);
            w.afterCommit(
                    () ->
                            publisher.toUser(
                                    member,
                                    Updates.newBuilder().addUpdates(u).addAllUsers(rendered)));
        }
        return callerPts;
    }

    /** Records an unread mention for each member named as @username in the text. */
    private static List<Long> mentions(ChatWrite w, ChatRecord chat, MessageRecord m) {
        List<Long> out = new ArrayList<>();
        Matcher matcher = MENTION.matcher(m.text());
        while (matcher.find() && out.size() < 50) {
            w.tx.accounts()
                    .byUsername(matcher.group(1))
                    .ifPresent(
                            a -> {
                                if (a.id() != m.fromId()
                                        && !out.contains(a.id())
                                        && w.tx.members()
                                                .get(chat.id(), a.id())
                                                .map(x -> Access.inChat(x.status()))
                                                .orElse(false)) {
                                    w.tx.messages().addMention(chat.id(), m.id(), a.id());
                                    out.add(a.id());
                                }
                            });
        }
        return out;
    }
}
