package org.chapar.server.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.ReadOutbox;
import org.chapar.protocol.SentMessage;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserAccess;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdateRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of private chats. Each write checks, changes the messages and dialogs, and appends an
 * event to each affected user's common box, pushed to them once committed; the answer carries the
 * caller's own pts. Reads are {@link PrivateHistory}'s.
 */
final class PrivateChats implements ConversationKind {
    private final UserAccess access;
    private final PrivateHistory history;

    PrivateChats(UserAccess access, PrivateHistory history) {
        this.access = access;
        this.history = history;
    }

    @Override
    public Sent send(UnitOfWork w, long me, Peer peer, Draft draft) {
        long peerId = peer.getUserId();
        AccountRecord sender = account(w.tx, me);
        if (sender.bot() && peerId != me && w.tx.chats().findPrivateChat(me, peerId).isEmpty()) {
            // as on Telegram, a bot answers people who wrote to it and does not seek them out;
            // checked first, so that whether the id is an account is not told either
            throw new ApiException(
                    ErrorCode.BOT_CANT_INITIATE,
                    "A bot cannot start a chat: the user must write first");
        }
        AccountRecord receiver = reachable(w.tx, me, peer);
        long chatId = w.tx.chats().privateChat(me, peerId, w.now);
        var earlier = IdempotentSends.find(w.tx, me, draft.randomId(), chatId);
        if (earlier.isPresent()) {
            return new Sent(sent(earlier.get().message(), me, peerId, earlier.get().pts()), true);
        }
        if (draft.replyToId() != 0 && w.tx.messages().get(chatId, draft.replyToId()).isEmpty()) {
            throw new ApiException(
                    ErrorCode.MESSAGE_NOT_FOUND, "The message replied to does not exist");
        }
        long id = w.tx.chats().nextMessageId(chatId);
        MessageRecord m =
                draft.media(
                        MessageRecord.posted(chatId, id, me, w.now, draft.text(), draft.replyToId())
                                .withFwd(draft.fwd())
                                .withMarkup(draft.markup()));
        w.tx.messages().insert(m);
        draft.attach(w.tx, me, chatId, id);
        List<AccountRecord> users = peerId == me ? List.of(sender) : List.of(sender, receiver);
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chatId, id, w.now);
        long myPts = deliver(w, me, peerId, e, m, users);
        w.tx.dialogs().onNewMessage(me, chatId, peerId, id, w.now, 0, 1);
        if (peerId == me) {
            // a note to yourself is read by its writer: never unread, shown as read
            w.tx.dialogs().setReadInbox(me, chatId, id, 0);
            w.tx.dialogs().setReadOutbox(me, chatId, id);
        } else {
            deliver(w, peerId, me, e, m, users);
            w.tx.dialogs().onNewMessage(peerId, chatId, me, id, w.now, 1, 0);
        }
        w.tx.messages().recordSent(me, draft.randomId(), new SentRef(chatId, id, myPts));
        return new Sent(sent(m, me, peerId, myPts), false);
    }

    @Override
    public SentMessage edit(
            UnitOfWork w, long me, Peer peer, long id, String raw, ByteString markup) {
        long peerId = peer.getUserId();
        long chatId = history.chatOf(w.tx, me, peerId);
        MessageRecord m = visible(w.tx, me, chatId, id);
        if (m.fromId() != me) {
            throw new ApiException(
                    ErrorCode.MESSAGE_EDIT_FORBIDDEN, "Only the sender can edit a message");
        }
        String text = Texts.edited(m, raw);
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
        List<AccountRecord> users = w.tx.accounts().byIds(Set.copyOf(List.of(me, peerId)));
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.EDIT_MESSAGE, chatId, id, w.now);
        long myPts = deliver(w, me, peerId, e, edited, users);
        if (peerId != me && !w.tx.messages().hiddenFor(peerId, chatId, id)) {
            deliver(w, peerId, me, e, edited, users);
        }
        return sent(edited, me, peerId, myPts);
    }

    /**
     * Deletes for the caller only, or with {@code revoke} for both sides (either side's messages,
     * as in Telegram's private chats). A message nobody can see any more is purged.
     */
    @Override
    public AffectedPts delete(UnitOfWork w, long me, Peer peer, Set<Long> ids, boolean revoke) {
        long peerId = peer.getUserId();
        long chatId = history.chatOf(w.tx, me, peerId);
        List<Long> found = new ArrayList<>();
        for (MessageRecord m : w.tx.messages().byIds(chatId, me, ids)) {
            found.add(m.id());
        }
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.MESSAGE_NOT_FOUND, "None of those messages exists");
        }
        List<Long> purge = new ArrayList<>();
        if (revoke || peerId == me) {
            purge.addAll(found);
        } else {
            w.tx.messages().hide(me, chatId, found);
            for (long id : found) {
                if (w.tx.messages().hiddenFor(peerId, chatId, id)) {
                    purge.add(id);
                }
            }
        }
        if (!purge.isEmpty()) {
            w.tx.messages().delete(chatId, purge);
            w.tx.boxes().purgeMessageEvents(chatId, purge);
        }
        long myPts = deleted(w, me, peerId, chatId, found);
        if (revoke && peerId != me) {
            deleted(w, peerId, me, chatId, found);
        }
        return AffectedPts.newBuilder().setPts(myPts).setPtsCount(1).build();
    }

    /** Marks the chat read up to maxId for the caller, and tells the other side (read receipt). */
    @Override
    public AffectedPts read(UnitOfWork w, long me, Peer peer, long maxId) {
        long peerId = peer.getUserId();
        long chatId = history.chatOf(w.tx, me, peerId);
        DialogRecord dialog =
                w.tx.dialogs()
                        .get(me, chatId)
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                ErrorCode.PEER_INVALID,
                                                "You have no chat with that user"));
        long upTo = Math.min(maxId <= 0 ? dialog.topMessageId() : maxId, dialog.topMessageId());
        if (upTo <= dialog.readInboxMaxId()) {
            return AffectedPts.newBuilder().setPts(w.tx.boxes().head(me)).setPtsCount(0).build();
        }
        int unread = w.tx.messages().countUnread(chatId, me, upTo);
        w.tx.dialogs().setReadInbox(me, chatId, upTo, unread);
        ReadInbox inbox =
                ReadInbox.newBuilder()
                        .setPeer(userPeer(peerId))
                        .setMaxId(upTo)
                        .setStillUnread(unread)
                        .build();
        long myPts =
                deliver(w, me, peerId, event(BoxEvent.Kind.READ_INBOX, chatId, inbox, w), null);
        if (peerId != me) {
            var theirs = w.tx.dialogs().get(peerId, chatId);
            if (theirs.isPresent() && theirs.get().readOutboxMaxId() < upTo) {
                w.tx.dialogs().setReadOutbox(peerId, chatId, upTo);
                ReadOutbox outbox =
                        ReadOutbox.newBuilder().setPeer(userPeer(me)).setMaxId(upTo).build();
                deliver(w, peerId, me, event(BoxEvent.Kind.READ_OUTBOX, chatId, outbox, w), null);
            }
        }
        return AffectedPts.newBuilder().setPts(myPts).setPtsCount(1).build();
    }

    @Override
    public AffectedPts pin(
            UnitOfWork w, long me, Peer peer, long id, boolean unpin, boolean silent) {
        throw new ApiException(
                ErrorCode.PEER_INVALID, "This request needs a group, supergroup or channel");
    }

    @Override
    public MessageList history(StoreTx tx, long me, Peer peer, long offsetId, int limit) {
        return history.page(tx, me, peer, offsetId, limit);
    }

    @Override
    public MessageList byIds(StoreTx tx, long me, Peer peer, List<Long> ids) {
        return history.byIds(tx, me, peer, ids);
    }

    @Override
    public ForwardSource forwardSource(UnitOfWork w, long me, Peer peer, long id) {
        return history.forwardSource(w.tx, me, peer, id);
    }

    private long deleted(UnitOfWork w, long owner, long peerOfOwner, long chatId, List<Long> ids) {
        DeletedMessages d =
                DeletedMessages.newBuilder().setPeer(userPeer(peerOfOwner)).addAllIds(ids).build();
        long pts =
                deliver(
                        w,
                        owner,
                        peerOfOwner,
                        event(BoxEvent.Kind.DELETE_MESSAGES, chatId, d, w),
                        null);
        refreshDialog(w.tx, owner, chatId);
        return pts;
    }

    private static BoxEvent event(BoxEvent.Kind kind, long chatId, MessageLite body, UnitOfWork w) {
        return BoxEvent.of(kind, chatId, body.toByteArray(), 1, w.now);
    }

    private static long deliver(
            UnitOfWork w, long owner, long peerOfOwner, BoxEvent e, MessageRecord m) {
        return deliver(w, owner, peerOfOwner, e, m, List.of());
    }

    /** Appends an event to a user's box and pushes it to them once committed; returns its pts. */
    private static long deliver(
            UnitOfWork w,
            long owner,
            long peerOfOwner,
            BoxEvent e,
            MessageRecord m,
            List<AccountRecord> users) {
        long pts = w.tx.boxes().append(owner, e);
        var message = m == null ? null : MessageViews.render(m, owner, peerOfOwner);
        w.toUser(owner, UpdateRenderer.live(e.at(pts), 0, message), users);
        return pts;
    }

    /** Recomputes a dialog's top message and unread count after messages left it. */
    private static void refreshDialog(StoreTx tx, long userId, long chatId) {
        tx.dialogs()
                .get(userId, chatId)
                .ifPresent(
                        d -> {
                            var top = tx.messages().newestVisible(chatId, userId);
                            int unread =
                                    tx.messages().countUnread(chatId, userId, d.readInboxMaxId());
                            tx.dialogs()
                                    .setTop(
                                            userId,
                                            chatId,
                                            top.map(MessageRecord::id).orElse(0L),
                                            top.map(MessageRecord::date).orElse(d.topDate()),
                                            unread);
                        });
    }

    private static SentMessage sent(MessageRecord m, long me, long peerId, long pts) {
        return SentMessage.newBuilder()
                .setMessage(MessageViews.render(m, me, peerId))
                .setPts(pts)
                .setPtsCount(1)
                .build();
    }

    private static MessageRecord visible(StoreTx tx, long me, long chatId, long id) {
        return tx.messages()
                .get(chatId, id)
                .filter(m -> !tx.messages().hiddenFor(me, chatId, id))
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorCode.MESSAGE_NOT_FOUND,
                                        "No message " + id + " in this chat"));
    }

    private static AccountRecord account(StoreTx tx, long id) {
        return tx.accounts()
                .byId(id)
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "No such user"));
    }

    /**
     * The user of a private chat the caller has or opens: USER_NOT_FOUND, as for an id that does
     * not exist, unless the caller may name them ({@link UserAccess}).
     */
    private AccountRecord reachable(StoreTx tx, long me, Peer peer) {
        if (!access.mayName(tx, me, peer.getUserId(), peer.getAccessHash())) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND, "No such user");
        }
        return account(tx, peer.getUserId());
    }

    static Peer userPeer(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }
}
