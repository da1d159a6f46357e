package org.chapar.server.chat;

import org.chapar.protocol.Message;
import org.chapar.protocol.MessageAction;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.Viewer;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdateRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes events into shared chats and delivers them. A group's event is appended to every member's
 * common box and pushed to each member; a supergroup's or channel's is appended once to the chat's
 * own box and published once on the chat's topic, encoded once for all members.
 */
public final class ChatPosts {
    private static final Pattern MENTION =
            Pattern.compile("(?<![A-Za-z0-9_])@([A-Za-z0-9_]{5,32})");

    public ChatPosts() {}

    /**
     * Stores {@code draft} as a new message under the id allocated here and delivers it; returns
     * the stored message and the pts of the event in the box the caller follows for this chat.
     */
    Posted post(UnitOfWork w, ChatRecord chat, MessageRecord draft, long caller) {
        long id = w.tx.chats().nextMessageId(chat.id());
        MessageRecord m = draft.withId(id);
        w.tx.messages().insert(m);
        List<Long> mentioned = mentions(w, chat, m);
        List<AccountRecord> accounts = new ArrayList<>();
        if (m.fromId() != 0) {
            w.tx.accounts().byId(m.fromId()).ifPresent(accounts::add);
        }
        if (m.action() != null) {
            accounts.addAll(w.tx.accounts().byIds(m.action().getUserIdsList()));
        }
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat.id(), id, w.now);
        long pts = deliver(w, chat, e, m, mentioned, accounts, caller, caller);
        return new Posted(m, pts);
    }

    record Posted(MessageRecord message, long pts) {}

    Posted service(UnitOfWork w, ChatRecord chat, long actor, MessageAction action) {
        return post(
                w,
                chat,
                MessageRecord.posted(chat.id(), 0, actor, w.now, "", 0).withAction(action),
                actor);
    }

    /**
     * Appends an event that carries its own body (a delete, a pin, a change of the chat) and
     * delivers it; returns the pts of {@code caller}'s box.
     */
    long event(UnitOfWork w, ChatRecord chat, BoxEvent e, long caller) {
        return deliver(w, chat, e, null, List.of(), List.of(), caller, caller);
    }

    /** Appends the event of an edit and delivers it with the message as it now is. */
    long edited(UnitOfWork w, ChatRecord chat, MessageRecord edited, long caller) {
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.EDIT_MESSAGE, chat.id(), edited.id(), w.now);
        List<Long> mentioned =
                chat.ownBox() ? List.of() : w.tx.messages().mentionedIn(chat.id(), edited.id());
        return deliver(w, chat, e, edited, mentioned, List.of(), caller, caller);
    }

    /**
     * Appends one event to the chat's own box, or to each member's common box, and pushes it after
     * the commit, rendered by the one {@link UpdateRenderer} with the message (if any) as each
     * receiver sees it. Returns the pts of {@code caller}'s box.
     */
    private long deliver(
            UnitOfWork w,
            ChatRecord chat,
            BoxEvent e,
            MessageRecord m,
            List<Long> mentioned,
            List<AccountRecord> accounts,
            long caller,
            long sender) {
        if (chat.ownBox()) {
            long pts = w.tx.channelBoxes().append(chat.id(), e);
            Message shown = view(m, new Viewer.Everyone(chat.channel()));
            w.toChat(chat.id(), UpdateRenderer.live(e.at(pts), chat.id(), shown), accounts);
            // bots read a supergroup or channel in their common box, as members of a group do:
            // one event per bot that follows the chat (docs/adr/0015-bot-api.md)
            for (long bot : w.tx.bots().following(chat.id(), chat.channel())) {
                if (bot == sender) {
                    continue; // a bot is not told of its own posts (their author is not stored)
                }
                long botPts = w.tx.boxes().append(bot, e);
                w.toUser(bot, UpdateRenderer.live(e.at(botPts), 0, shown), accounts);
            }
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
                                member == sender ? 0 : 1,
                                0);
            }
            if (member == caller) {
                callerPts = pts;
            }
            Message shown =
                    view(m, new Viewer.Member(member, chat.channel(), mentioned.contains(member)));
            w.toUser(member, UpdateRenderer.live(e.at(pts), 0, shown), accounts);
        }
        return callerPts;
    }

    private static Message view(MessageRecord m, Viewer viewer) {
        return m == null ? null : MessageViews.view(m, viewer).orElseThrow();
    }

    /** Records an unread mention for each member named as @username in the text. */
    private static List<Long> mentions(UnitOfWork w, ChatRecord chat, MessageRecord m) {
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
