package org.chapar.server.chat;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.ConversationKind.Draft;
import org.chapar.server.message.ConversationKind.ForwardSource;
import org.chapar.server.message.ConversationKind.Sent;
import org.chapar.server.message.IdempotentSends;
import org.chapar.server.message.Markups;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.SentRef;
import org.chapar.server.message.Texts;
import org.chapar.server.message.Viewer;
import org.chapar.server.sync.UnitOfWork;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Posting into shared chats: send (with rights, restrictions, slow mode and anonymity), edit, and
 * what a forward copies. Channel posts and anonymous admins' posts are stored with from_id 0; only
 * the admin log (48 hours, admins only) names the author. Such a post keeps the author tag its
 * author's client sent, which only the author's devices can verify.
 */
final class ChatSends {
    private final ChatPosts posts;
    private final AdminLogService adminLog;

    ChatSends(ChatPosts posts, AdminLogService adminLog) {
        this.posts = posts;
        this.adminLog = adminLog;
    }

    Sent send(UnitOfWork w, long me, long chatId, Draft draft) {
        long randomId = draft.randomId();
        var earlier =
                IdempotentSends.find(w.tx, me, randomId, chatId)
                        .or(
                                () ->
                                        IdempotentSends.find(
                                                w.tx, anonymousSender(me, randomId), 0, chatId));
        if (earlier.isPresent()) {
            ChatRecord chat = w.tx.sharedChats().get(chatId).orElseThrow();
            return new Sent(sent(earlier.get().message(), true, chat, earlier.get().pts()), true);
        }
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requireSend(draft.text());
        if (draft.hasMedia()) {
            a.requireSendMedia();
        }
        ChatRecord chat = a.chat();
        if (chat.kind() == ChatKind.SUPERGROUP && chat.slowMode() > 0 && !a.admin()) {
            claimSlowMode(w, chat, me);
        }
        if (draft.replyToId() != 0 && w.tx.messages().get(chatId, draft.replyToId()).isEmpty()) {
            throw new ApiException(
                    ErrorCode.MESSAGE_NOT_FOUND, "The message replied to does not exist");
        }
        boolean hidden = a.admin() && a.anonymous();
        String author =
                chat.channel() && chat.signatures()
                        ? w.tx.accounts().byId(me).map(AccountRecord::displayName).orElse("")
                        : "";
        // the tag is kept only where it is the author's one way to know the post as theirs
        MessageRecord post =
                draft.media(
                        MessageRecord.posted(
                                        chatId,
                                        0,
                                        hidden ? 0 : me,
                                        w.now,
                                        draft.text(),
                                        draft.replyToId())
                                .withPostAuthor(author)
                                .withFwd(draft.fwd())
                                .withMarkup(draft.markup())
                                .withAuthorTag(hidden ? draft.authorTag() : null));
        ChatPosts.Posted p = posts.post(w, chat, post, me);
        draft.attach(w.tx, me, chatId, p.message().id());
        if (hidden) {
            adminLog.log(w, chatId, me, "post", 0, p.message().id(), "");
        }
        // An anonymous post's retry record must not name its author: it is keyed by a hash of
        // (author, random_id) that only the author, who knows the random_id, can recompute.
        w.tx.messages()
                .recordSent(
                        hidden ? anonymousSender(me, randomId) : me,
                        hidden ? 0 : randomId,
                        new SentRef(chatId, p.message().id(), p.pts()));
        return new Sent(sent(p.message(), true, chat, p.pts()), false);
    }

    /** One send per slow-mode interval, claimed atomically (another node may claim it first). */
    private static void claimSlowMode(UnitOfWork w, ChatRecord chat, long me) {
        long interval = chat.slowMode() * 1000L;
        if (w.tx.members().claimSend(chat.id(), me, w.nowMs, interval)) {
            return;
        }
        // read after the refused claim: the send that won may be from another node
        long last = w.tx.members().get(chat.id(), me).map(MemberRecord::lastSendMs).orElse(w.nowMs);
        long wait = Math.max(1, last + interval - w.nowMs);
        throw new ApiException(
                ErrorCode.SLOW_MODE_WAIT,
                "Slow mode: you can send again in " + (wait + 999) / 1000 + " s",
                wait);
    }

    SentMessage edit(UnitOfWork w, long me, long chatId, long id, String raw, ByteString markup) {
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requireMember();
        MessageRecord m =
                w.tx.messages()
                        .get(chatId, id)
                        .filter(x -> x.action() == null)
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                ErrorCode.MESSAGE_NOT_FOUND,
                                                "No message " + id + " here"));
        String text = Texts.edited(m, raw);
        if (!a.chat().channel()) {
            // an edit is a send of new text: a member restricted from sending (or from links)
            // cannot put it into an old message either; in channels only admins edit, under the
            // rights checked below
            a.requireSend(text);
        }
        boolean mine = adminLog.author(w.tx, m) == me;
        boolean allowed =
                a.chat().channel()
                        ? a.hasAdmin(Rights.EDIT_MESSAGES)
                                || mine && a.hasAdmin(Rights.POST_MESSAGES)
                        : mine;
        if (!allowed) {
            throw new ApiException(
                    ErrorCode.MESSAGE_EDIT_FORBIDDEN,
                    a.chat().channel()
                            ? "Editing others' posts needs the edit_messages right"
                            : "Only the sender can edit a message");
        }
        if (m.text().equals(text)
                && (markup == null || markup.equals(Markups.orEmpty(m.markup())))) {
            throw new ApiException(
                    ErrorCode.MESSAGE_NOT_MODIFIED, "The text is the same as before");
        }
        MessageRecord edited =
                markup == null
                        ? m.withText(text, w.now)
                        : m.withText(text, w.now).withMarkup(markup);
        w.tx.messages().updateText(chatId, id, text, w.now);
        if (markup != null) {
            w.tx.messages().updateMarkup(chatId, id, markup, w.now);
        }
        if (m.fromId() == 0) {
            adminLog.log(w, chatId, me, "edit", 0, id, "");
        }
        long pts = posts.edited(w, a.chat(), edited, me);
        return sent(edited, mine, a.chat(), pts);
    }

    /**
     * A shared chat's message to forward. A channel post or an anonymous admin's post is attributed
     * to its chat, never to the admin who wrote it; a channel post's forwards are counted.
     */
    ForwardSource forwardSource(UnitOfWork w, long me, long chatId, long id) {
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requireReader();
        ChatRecord chat = a.chat();
        MessageRecord m = ForwardSource.forwardable(w.tx, chat.id(), me, id);
        if (m.fwd() != null) {
            return new ForwardSource(m.text(), m.fwd(), 0, m.id(), m.media());
        }
        ForwardHeader.Builder header = ForwardHeader.newBuilder().setDate(m.date());
        if (chat.channel()) {
            header.setFromChatId(chat.id()).setMessageId(m.id()).setPostAuthor(m.postAuthor());
            return new ForwardSource(m.text(), header.build(), chat.id(), m.id(), m.media());
        }
        if (m.fromId() == 0) {
            header.setFromChatId(chat.id());
        } else {
            header.setFromUserId(m.fromId());
        }
        return new ForwardSource(m.text(), header.build(), 0, m.id(), m.media());
    }

    /**
     * The answer to the caller's write: the message in the form every member gets, {@code out} if
     * the caller wrote it. The caller is known here, so their own post is marked even when it is
     * stored without their name; nowhere else can the server tell (docs/adr/0012-author-tags.md).
     */
    private static SentMessage sent(MessageRecord m, boolean out, ChatRecord chat, long pts) {
        Message shown =
                MessageViews.view(m, new Viewer.Everyone(chat.channel())).orElseThrow().toBuilder()
                        .setOut(out)
                        .build();
        return SentMessage.newBuilder()
                .setMessage(shown)
                .setPts(pts)
                .setPtsCount(1)
                .setChannelId(chat.boxId())
                .build();
    }

    /** The key under which an anonymous post's random_id is kept: negative, so never a user id. */
    static long anonymousSender(long userId, long randomId) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(16).putLong(userId).putLong(randomId).array());
            long h = ByteBuffer.wrap(sha.digest()).getLong() | Long.MIN_VALUE;
            return h == Long.MIN_VALUE ? -1 : h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
