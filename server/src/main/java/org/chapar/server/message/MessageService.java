package org.chapar.server.message;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.ReadOutbox;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdatePublisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The rules of private chats: send, edit, delete, read. Each operation is one write: it checks,
 * changes the messages and dialogs, appends an event to each affected member's common box, and
 * after the commit hands those events to the bus. The answer carries the caller's own pts.
 */
public final class MessageService {
    static final int MAX_IDS = 100;

    private final Store store;
    private final UpdatePublisher publisher;
    private final UserViews users;
    private final RateLimiter sends;
    private final Clock clock;

    /** An event committed into {@code userId}'s box, to push live after the commit. */
    record Delivery(long userId, Update update) {}

    /** What a write produced: the caller's answer, the live pushes and the users they mention. */
    record Outcome<T>(T answer, List<Delivery> deliveries, List<AccountRecord> accounts) {}

    public MessageService(
            Store store,
            UpdatePublisher publisher,
            UserViews users,
            RateLimiter sends,
            Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.users = users;
        this.sends = sends;
        this.clock = clock;
    }

    public CompletableFuture<SentMessage> send(
            long me, Peer peer, String rawText, long randomId, long replyToId) {
        return send(me, peer, rawText, randomId, replyToId, null);
    }

    /** Sends a copy of a message forwarded from another chat, carrying its attribution. */
    public CompletableFuture<SentMessage> forward(
            long me, Peer peer, String text, long randomId, org.chapar.protocol.ForwardHeader fwd) {
        return send(me, peer, text, randomId, 0, fwd);
    }

    private CompletableFuture<SentMessage> send(
            long me,
            Peer peer,
            String rawText,
            long randomId,
            long replyToId,
            org.chapar.protocol.ForwardHeader fwd) {
        String text = Texts.require(rawText);
        if (randomId == 0) {
            throw ApiException.badRequest("random_id must be a non-zero random number");
        }
        long peerId = peerUser(peer);
        sends.acquire(me);
        return write(
                tx -> {
                    AccountRecord sender = account(tx, me);
                    AccountRecord receiver = reachable(tx, me, peer);
                    long now = now();
                    long chatId = tx.chats().privateChat(me, peerId, now);
                    var earlier = IdempotentSends.find(tx, me, randomId, chatId);
                    if (earlier.isPresent()) {
                        SentMessage answer =
                                SentMessage.newBuilder()
                                        .setMessage(
                                                MessageViews.render(
                                                        earlier.get().message(), me, peerId))
                                        .setPts(earlier.get().pts())
                                        .setPtsCount(1)
                                        .build();
                        return new Outcome<>(answer, List.of(), List.of());
                    }
                    if (replyToId != 0 && tx.messages().get(chatId, replyToId).isEmpty()) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_FOUND,
                                "The message replied to does not exist");
                    }
                    long id = tx.chats().nextMessageId(chatId);
                    MessageRecord m =
                            new MessageRecord(
                                    chatId, id, me, now, text, replyToId, 0, 0, 0, false, "", fwd,
                                    null);
                    tx.messages().insert(m);
                    List<Delivery> deliveries = new ArrayList<>(2);
                    long myPts =
                            tx.boxes()
                                    .append(
                                            me,
                                            BoxEvent.message(
                                                    BoxEvent.Kind.NEW_MESSAGE, chatId, id, now));
                    tx.dialogs().onNewMessage(me, chatId, peerId, id, now, 0);
                    if (peerId == me) {
                        // a note to yourself is read by its writer: never unread, shown as read
                        tx.dialogs().setReadInbox(me, chatId, id, 0);
                        tx.dialogs().setReadOutbox(me, chatId, id);
                    }
                    deliveries.add(new Delivery(me, newMessage(m, me, peerId, myPts)));
                    if (peerId != me) {
                        long theirPts =
                                tx.boxes()
                                        .append(
                                                peerId,
                                                BoxEvent.message(
                                                        BoxEvent.Kind.NEW_MESSAGE,
                                                        chatId,
                                                        id,
                                                        now));
                        tx.dialogs().onNewMessage(peerId, chatId, me, id, now, 1);
                        deliveries.add(new Delivery(peerId, newMessage(m, peerId, me, theirPts)));
                    }
                    tx.messages().recordSent(me, randomId, new SentRef(chatId, id, myPts));
                    SentMessage answer =
                            SentMessage.newBuilder()
                                    .setMessage(MessageViews.render(m, me, peerId))
                                    .setPts(myPts)
                                    .setPtsCount(1)
                                    .build();
                    return new Outcome<>(
                            answer,
                            deliveries,
                            peerId == me ? List.of(sender) : List.of(sender, receiver));
                });
    }

    public CompletableFuture<SentMessage> edit(long me, Peer peer, long id, String rawText) {
        String text = Texts.require(rawText);
        long peerId = peerUser(peer);
        return write(
                tx -> {
                    long chatId = chatOf(tx, me, peerId);
                    MessageRecord m = visible(tx, me, chatId, id);
                    if (m.fromId() != me) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_EDIT_FORBIDDEN,
                                "Only the sender can edit a message");
                    }
                    if (m.text().equals(text)) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_MODIFIED, "The text is the same as before");
                    }
                    long now = now();
                    MessageRecord edited = m.withText(text, now);
                    tx.messages().updateText(chatId, id, text, now);
                    List<Delivery> deliveries = new ArrayList<>(2);
                    long myPts =
                            tx.boxes()
                                    .append(
                                            me,
                                            BoxEvent.message(
                                                    BoxEvent.Kind.EDIT_MESSAGE, chatId, id, now));
                    deliveries.add(new Delivery(me, edited(edited, me, peerId, myPts)));
                    if (peerId != me && !tx.messages().hiddenFor(peerId, chatId, id)) {
                        long theirPts =
                                tx.boxes()
                                        .append(
                                                peerId,
                                                BoxEvent.message(
                                                        BoxEvent.Kind.EDIT_MESSAGE,
                                                        chatId,
                                                        id,
                                                        now));
                        deliveries.add(new Delivery(peerId, edited(edited, peerId, me, theirPts)));
                    }
                    SentMessage answer =
                            SentMessage.newBuilder()
                                    .setMessage(MessageViews.render(edited, me, peerId))
                                    .setPts(myPts)
                                    .setPtsCount(1)
                                    .build();
                    return new Outcome<>(
                            answer, deliveries, tx.accounts().byIds(members(me, peerId)));
                });
    }

    /**
     * Deletes for the caller only, or with {@code revoke} for both sides (either side's messages,
     * as in Telegram's private chats). A message nobody can see any more is purged.
     */
    public CompletableFuture<AffectedPts> delete(
            long me, Peer peer, List<Long> rawIds, boolean revoke) {
        long peerId = peerUser(peer);
        Set<Long> ids = new LinkedHashSet<>(rawIds);
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "Delete 1 to " + MAX_IDS + " messages at once");
        }
        return write(
                tx -> {
                    long chatId = chatOf(tx, me, peerId);
                    List<Long> found = new ArrayList<>();
                    for (MessageRecord m : tx.messages().byIds(chatId, me, ids)) {
                        found.add(m.id());
                    }
                    if (found.isEmpty()) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_FOUND, "None of those messages exists");
                    }
                    long now = now();
                    List<Delivery> deliveries = new ArrayList<>(2);
                    List<Long> purge = new ArrayList<>();
                    if (revoke || peerId == me) {
                        purge.addAll(found);
                    } else {
                        tx.messages().hide(me, chatId, found);
                        for (long id : found) {
                            if (tx.messages().hiddenFor(peerId, chatId, id)) {
                                purge.add(id);
                            }
                        }
                    }
                    if (!purge.isEmpty()) {
                        tx.messages().delete(chatId, purge);
                        tx.boxes().purgeMessageEvents(chatId, purge);
                    }
                    long myPts = appendDeleted(tx, me, peerId, chatId, found, now, deliveries);
                    refreshDialog(tx, me, chatId);
                    if (revoke && peerId != me) {
                        appendDeleted(tx, peerId, me, chatId, found, now, deliveries);
                        refreshDialog(tx, peerId, chatId);
                    }
                    AffectedPts answer =
                            AffectedPts.newBuilder().setPts(myPts).setPtsCount(1).build();
                    return new Outcome<>(answer, deliveries, List.of());
                });
    }

    /** Marks the chat read up to maxId for the caller, and tells the other side (read receipt). */
    public CompletableFuture<AffectedPts> read(long me, Peer peer, long maxId) {
        long peerId = peerUser(peer);
        return write(
                tx -> {
                    long chatId = chatOf(tx, me, peerId);
                    DialogRecord dialog =
                            tx.dialogs()
                                    .get(me, chatId)
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.PEER_INVALID,
                                                            "You have no chat with that user"));
                    long upTo =
                            Math.min(
                                    maxId <= 0 ? dialog.topMessageId() : maxId,
                                    dialog.topMessageId());
                    if (upTo <= dialog.readInboxMaxId()) {
                        AffectedPts same =
                                AffectedPts.newBuilder()
                                        .setPts(tx.boxes().head(me))
                                        .setPtsCount(0)
                                        .build();
                        return new Outcome<>(same, List.of(), List.of());
                    }
                    long now = now();
                    int unread = tx.messages().countUnread(chatId, me, upTo);
                    tx.dialogs().setReadInbox(me, chatId, upTo, unread);
                    ReadInbox inbox =
                            ReadInbox.newBuilder()
                                    .setPeer(userPeer(peerId))
                                    .setMaxId(upTo)
                                    .setStillUnread(unread)
                                    .build();
                    long myPts =
                            tx.boxes()
                                    .append(
                                            me,
                                            BoxEvent.of(
                                                    BoxEvent.Kind.READ_INBOX,
                                                    chatId,
                                                    inbox.toByteArray(),
                                                    1,
                                                    now));
                    List<Delivery> deliveries = new ArrayList<>(2);
                    deliveries.add(
                            new Delivery(
                                    me,
                                    Update.newBuilder()
                                            .setPts(myPts)
                                            .setPtsCount(1)
                                            .setReadInbox(inbox)
                                            .build()));
                    if (peerId != me) {
                        var theirs = tx.dialogs().get(peerId, chatId);
                        if (theirs.isPresent() && theirs.get().readOutboxMaxId() < upTo) {
                            tx.dialogs().setReadOutbox(peerId, chatId, upTo);
                            ReadOutbox outbox =
                                    ReadOutbox.newBuilder()
                                            .setPeer(userPeer(me))
                                            .setMaxId(upTo)
                                            .build();
                            long theirPts =
                                    tx.boxes()
                                            .append(
                                                    peerId,
                                                    BoxEvent.of(
                                                            BoxEvent.Kind.READ_OUTBOX,
                                                            chatId,
                                                            outbox.toByteArray(),
                                                            1,
                                                            now));
                            deliveries.add(
                                    new Delivery(
                                            peerId,
                                            Update.newBuilder()
                                                    .setPts(theirPts)
                                                    .setPtsCount(1)
                                                    .setReadOutbox(outbox)
                                                    .build()));
                        }
                    }
                    AffectedPts answer =
                            AffectedPts.newBuilder().setPts(myPts).setPtsCount(1).build();
                    return new Outcome<>(answer, deliveries, List.of());
                });
    }

    private <T> CompletableFuture<T> write(java.util.function.Function<StoreTx, Outcome<T>> work) {
        return store.write(tx -> render(tx, work.apply(tx)), this::publish)
                .thenApply(Rendered::answer);
    }

    /** An outcome whose pushes are built, each with its users as its receiver may see them. */
    private record Rendered<T>(T answer, List<Delivery> deliveries, List<List<User>> users) {}

    private <T> Rendered<T> render(StoreTx tx, Outcome<T> o) {
        return new Rendered<>(
                o.answer(),
                o.deliveries(),
                o.deliveries().stream()
                        .map(d -> users.render(tx, o.accounts(), d.userId()))
                        .toList());
    }

    private void publish(Rendered<?> r) {
        for (int i = 0; i < r.deliveries().size(); i++) {
            Delivery d = r.deliveries().get(i);
            publisher.toUser(
                    d.userId(),
                    Updates.newBuilder().addUpdates(d.update()).addAllUsers(r.users().get(i)));
        }
    }

    private long appendDeleted(
            StoreTx tx,
            long owner,
            long peerOfOwner,
            long chatId,
            List<Long> ids,
            long now,
            List<Delivery> deliveries) {
        DeletedMessages deleted =
                DeletedMessages.newBuilder().setPeer(userPeer(peerOfOwner)).addAllIds(ids).build();
        long pts =
                tx.boxes()
                        .append(
                                owner,
                                BoxEvent.of(
                                        BoxEvent.Kind.DELETE_MESSAGES,
                                        chatId,
                                        deleted.toByteArray(),
                                        1,
                                        now));
        deliveries.add(
                new Delivery(
                        owner,
                        Update.newBuilder()
                                .setPts(pts)
                                .setPtsCount(1)
                                .setDeletedMessages(deleted)
                                .build()));
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

    private static Update newMessage(MessageRecord m, long viewer, long peerOfViewer, long pts) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setNewMessage(
                        NewMessage.newBuilder()
                                .setMessage(MessageViews.render(m, viewer, peerOfViewer)))
                .build();
    }

    private static Update edited(MessageRecord m, long viewer, long peerOfViewer, long pts) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setEditedMessage(
                        EditedMessage.newBuilder()
                                .setMessage(MessageViews.render(m, viewer, peerOfViewer)))
                .build();
    }

    static long chatOf(StoreTx tx, long me, long peerId) {
        return tx.chats()
                .findPrivateChat(me, peerId)
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorCode.MESSAGE_NOT_FOUND,
                                        "You have no chat with that user"));
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
     * not exist, unless the caller may name them ({@link org.chapar.server.account.UserAccess}).
     */
    private AccountRecord reachable(StoreTx tx, long me, Peer peer) {
        long id = peerUser(peer);
        if (!users.access().mayName(tx, me, id, peer.getAccessHash())) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND, "No such user");
        }
        return account(tx, id);
    }

    /** The user a private-chat peer names; shared chats are not served by this layer yet. */
    static long peerUser(Peer peer) {
        return switch (peer.getKindCase()) {
            case USER_ID -> {
                if (peer.getUserId() <= 0) {
                    throw new ApiException(ErrorCode.PEER_INVALID, "No such user");
                }
                yield peer.getUserId();
            }
            case CHAT_ID -> throw new ApiException(ErrorCode.CHAT_NOT_FOUND, "No such chat");
            case KIND_NOT_SET -> throw new ApiException(ErrorCode.PEER_INVALID, "Say which chat");
        };
    }

    /** The users of a private chat: two, or one in saved messages (the chat with oneself). */
    static Set<Long> members(long me, long peerId) {
        return Set.copyOf(List.of(me, peerId));
    }

    static Peer userPeer(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }

    private long now() {
        return clock.millis() / 1000;
    }
}
