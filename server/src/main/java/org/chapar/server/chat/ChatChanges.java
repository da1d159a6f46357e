package org.chapar.server.chat;

import com.google.protobuf.MessageLite;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.ReadOutbox;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdateRenderer;

import java.util.List;
import java.util.Set;

/**
 * What changes messages already in a shared chat: delete (a purge; in groups without revoke, a hide
 * for the caller), read (with the senders' read receipts in groups) and pin.
 */
final class ChatChanges {
    private final ChatPosts posts;
    private final AdminLogService adminLog;

    ChatChanges(ChatPosts posts, AdminLogService adminLog) {
        this.posts = posts;
        this.adminLog = adminLog;
    }

    AffectedPts delete(UnitOfWork w, long me, long chatId, Set<Long> ids, boolean revoke) {
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requireMember();
        List<MessageRecord> records = w.tx.messages().byIds(chatId, me, ids);
        List<Long> found = records.stream().map(MessageRecord::id).toList();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.MESSAGE_NOT_FOUND, "None of those messages exists");
        }
        DeletedMessages deleted =
                DeletedMessages.newBuilder()
                        .setPeer(ChatViews.peer(chatId))
                        .addAllIds(found)
                        .build();
        BoxEvent e = event(BoxEvent.Kind.DELETE_MESSAGES, chatId, deleted, w);
        if (!revoke && a.chat().kind() == ChatKind.GROUP) {
            w.tx.messages().hide(me, chatId, found);
            return affected(toCommonBox(w, me, e), 0);
        }
        for (MessageRecord m : records) {
            boolean mine = adminLog.author(w.tx, m) == me;
            boolean allowed =
                    a.hasAdmin(Rights.DELETE_MESSAGES)
                            || mine && (!a.chat().channel() || a.hasAdmin(Rights.POST_MESSAGES));
            if (!allowed) {
                throw new ApiException(
                        ErrorCode.MESSAGE_DELETE_FORBIDDEN,
                        "Deleting others' messages needs the delete_messages right");
            }
        }
        w.tx.messages().delete(chatId, found);
        w.tx.boxes().purgeMessageEvents(chatId, found);
        if (a.admin()) {
            adminLog.log(w, chatId, me, "delete", 0, 0, "messages " + found);
        }
        long pts = posts.event(w, a.chat(), e, me);
        return affected(pts, a.chat().boxId());
    }

    /** Marks the chat read up to maxId for the caller (and clears mentions up to there). */
    AffectedPts read(UnitOfWork w, long me, long chatId, long maxId) {
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requireMember();
        long top = w.tx.messages().newestVisible(chatId, me).map(MessageRecord::id).orElse(0L);
        long upTo = Math.min(maxId <= 0 ? top : maxId, top);
        w.tx.messages().readMentions(chatId, me, upTo);
        var dialog = w.tx.dialogs().get(me, chatId);
        long before = dialog.map(d -> d.readInboxMaxId()).orElse(0L);
        if (dialog.isEmpty()) {
            w.tx.dialogs().onNewMessage(me, chatId, 0, top, w.now, 0, 0);
        } else if (upTo <= before) {
            return AffectedPts.newBuilder().setPts(w.tx.boxes().head(me)).setPtsCount(0).build();
        }
        int unread = w.tx.messages().countUnread(chatId, me, upTo);
        w.tx.dialogs().setReadInbox(me, chatId, upTo, unread);
        if (a.chat().kind() == ChatKind.GROUP) {
            readReceipts(w, chatId, me, before, upTo);
        }
        ReadInbox inbox =
                ReadInbox.newBuilder()
                        .setPeer(ChatViews.peer(chatId))
                        .setMaxId(upTo)
                        .setStillUnread(unread)
                        .build();
        return affected(toCommonBox(w, me, event(BoxEvent.Kind.READ_INBOX, chatId, inbox, w)), 0);
    }

    /** In a group, the senders of what was just read learn it was read (their outbox). */
    private void readReceipts(UnitOfWork w, long chatId, long reader, long after, long upTo) {
        for (long sender : w.tx.messages().sendersBetween(chatId, after, upTo)) {
            if (sender == reader
                    || w.tx.members()
                            .get(chatId, sender)
                            .map(m -> !Access.inChat(m.status()))
                            .orElse(true)) {
                continue;
            }
            var theirs = w.tx.dialogs().get(sender, chatId);
            if (theirs.isPresent() && theirs.get().readOutboxMaxId() < upTo) {
                w.tx.dialogs().setReadOutbox(sender, chatId, upTo);
                ReadOutbox outbox =
                        ReadOutbox.newBuilder()
                                .setPeer(ChatViews.peer(chatId))
                                .setMaxId(upTo)
                                .build();
                toCommonBox(w, sender, event(BoxEvent.Kind.READ_OUTBOX, chatId, outbox, w));
            }
        }
    }

    AffectedPts pin(UnitOfWork w, long me, long chatId, long id, boolean unpin, boolean silent) {
        Access a = Access.load(w.tx, chatId, me, w.now);
        a.requirePermission(Rights.PIN, Rights.PIN_MESSAGES, "pin_messages");
        w.tx.messages()
                .get(chatId, id)
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorCode.MESSAGE_NOT_FOUND, "No message " + id + " here"));
        ChatRecord c = a.chat();
        w.tx.messages().setPinned(chatId, id, !unpin);
        long pinnedId = unpin ? (c.pinnedId() == id ? 0 : c.pinnedId()) : id;
        w.tx.sharedChats().update(c.withPinnedId(pinnedId));
        if (a.admin()) {
            adminLog.log(w, chatId, me, unpin ? "unpin" : "pin", 0, id, "");
        }
        PinnedMessage p =
                PinnedMessage.newBuilder()
                        .setPeer(ChatViews.peer(chatId))
                        .setId(id)
                        .setPinned(!unpin)
                        .build();
        long pts = posts.event(w, c, event(BoxEvent.Kind.PINNED, chatId, p, w), me);
        if (!unpin && !silent) {
            MessageAction pinned =
                    MessageAction.newBuilder()
                            .setType(MessageAction.Type.MESSAGE_PINNED)
                            .setMessageId(id)
                            .build();
            pts =
                    posts.service(w, w.tx.sharedChats().current(c.id()), a.visibleActor(), pinned)
                            .pts();
        }
        return affected(pts, c.boxId());
    }

    /** An event of the caller's alone (a read, a hide) in their common box, pushed to them. */
    private static long toCommonBox(UnitOfWork w, long userId, BoxEvent e) {
        long pts = w.tx.boxes().append(userId, e);
        w.toUser(userId, UpdateRenderer.live(e.at(pts), 0, null), List.of());
        return pts;
    }

    private static BoxEvent event(BoxEvent.Kind kind, long chatId, MessageLite body, UnitOfWork w) {
        return BoxEvent.of(kind, chatId, body.toByteArray(), 1, w.now);
    }

    private static AffectedPts affected(long pts, long channelId) {
        return AffectedPts.newBuilder().setPts(pts).setPtsCount(1).setChannelId(channelId).build();
    }
}
