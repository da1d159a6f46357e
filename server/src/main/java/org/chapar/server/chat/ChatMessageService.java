package org.chapar.server.chat;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.MessageViewsList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.IdempotentSends;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageService;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.SentRef;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdatePublisher;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Messages in shared chats: send (with rights, restrictions, slow mode and anonymity), edit, delete
 * (a purge), read, history, pin, forward and views. Channel posts and anonymous admins' posts are
 * stored with from_id 0; only the admin log (48 hours, admins only) names the author.
 */
public final class ChatMessageService {
    private final Store store;
    private final Clock clock;
    private final ChatService chats;
    private final UserViews users;
    private final UpdatePublisher publisher;
    private final MessageService privateChats;
    private final RateLimiter sends;

    public ChatMessageService(
            Store store,
            Clock clock,
            ChatService chats,
            UserViews users,
            UpdatePublisher publisher,
            MessageService privateChats,
            RateLimiter sends) {
        this.privateChats = privateChats;
        this.sends = sends;
        this.store = store;
        this.clock = clock;
        this.chats = chats;
        this.users = users;
        this.publisher = publisher;
    }

    public CompletableFuture<SentMessage> send(
            long me, long chatId, String text, long randomId, long replyToId) {
        return send(me, chatId, text, randomId, replyToId, null);
    }

    private CompletableFuture<SentMessage> send(
            long me, long chatId, String text, long randomId, long replyToId, Source forwarded) {
        if (randomId == 0) {
            throw ApiException.badRequest("random_id must be a non-zero random number");
        }
        sends.acquire(me);
        return chats.write(
                w -> {
                    var earlier =
                            IdempotentSends.find(w.tx, me, randomId, chatId)
                                    .or(
                                            () ->
                                                    IdempotentSends.find(
                                                            w.tx,
                                                            anonymousSender(me, randomId),
                                                            0,
                                                            chatId));
                    if (earlier.isPresent()) {
                        ChatRecord chat = w.tx.sharedChats().get(chatId).orElseThrow();
                        return sent(earlier.get().message(), me, chat, earlier.get().pts());
                    }
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireSend(text);
                    ChatRecord chat = a.chat();
                    if (chat.kind() == ChatKind.SUPERGROUP && chat.slowMode() > 0 && !a.admin()) {
                        long interval = chat.slowMode() * 1000L;
                        if (!w.tx.members().claimSend(chatId, me, w.nowMs, interval)) {
                            // read after the refused claim: the send that won may be from another
                            // node
                            long last =
                                    w.tx.members()
                                            .get(chatId, me)
                                            .map(MemberRecord::lastSendMs)
                                            .orElse(w.nowMs);
                            long wait = Math.max(1, last + interval - w.nowMs);
                            throw new ApiException(
                                    ErrorCode.SLOW_MODE_WAIT,
                                    "Slow mode: you can send again in "
                                            + (wait + 999) / 1000
                                            + " s",
                                    wait);
                        }
                    }
                    if (replyToId != 0 && w.tx.messages().get(chatId, replyToId).isEmpty()) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_FOUND,
                                "The message replied to does not exist");
                    }
                    boolean hidden = a.admin() && a.anonymous();
                    String author =
                            chat.channel() && chat.signatures()
                                    ? w.tx.accounts()
                                            .byId(me)
                                            .map(AccountRecord::displayName)
                                            .orElse("")
                                    : "";
                    ChatPosts.Posted p =
                            chats.posts()
                                    .post(
                                            w,
                                            chat,
                                            hidden ? 0 : me,
                                            text,
                                            replyToId,
                                            author,
                                            forwarded == null ? null : forwarded.header,
                                            null,
                                            me);
                    if (hidden) {
                        ChatService.log(w, chatId, me, "post", 0, p.message().id(), "");
                    }
                    if (forwarded != null && forwarded.countOn != 0) {
                        w.tx.messages().addForward(forwarded.countOn, forwarded.messageId);
                    }
                    // An anonymous post's retry record must not name its author: it is keyed by a
                    // hash
                    // of (author, random_id) that only the author, who knows the random_id, can
                    // recompute.
                    w.tx.messages()
                            .recordSent(
                                    hidden ? anonymousSender(me, randomId) : me,
                                    hidden ? 0 : randomId,
                                    new SentRef(chatId, p.message().id(), p.pts()));
                    return sent(p.message(), me, chat, p.pts());
                });
    }

    private static SentMessage sent(MessageRecord m, long me, ChatRecord chat, long pts) {
        return SentMessage.newBuilder()
                .setMessage(MessageViews.renderShared(m, me, chat.channel(), false))
                .setPts(pts)
                .setPtsCount(1)
                .setChannelId(box(chat))
                .build();
    }

    /** The box a write on this chat lands in for its author: the chat's own, or 0 (common). */
    private static long box(ChatRecord chat) {
        return chat.ownBox() ? chat.id() : 0;
    }

    /** The key under which an anonymous post's random_id is kept: negative, so never a user id. */
    static long anonymousSender(long userId, long randomId) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(java.nio.ByteBuffer.allocate(16).putLong(userId).putLong(randomId).array());
            long h = java.nio.ByteBuffer.wrap(sha.digest()).getLong() | Long.MIN_VALUE;
            return h == Long.MIN_VALUE ? -1 : h;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** The source of a forward: the header to carry and the channel post whose counter grows. */
    private record Source(ForwardHeader header, long countOn, long messageId) {}

    /**
     * Who wrote a message, as far as the server may know: the sender, or the admin log's author.
     */
    private static long author(StoreTx tx, MessageRecord m) {
        return m.fromId() != 0 ? m.fromId() : tx.adminLog().author(m.chatId(), m.id()).orElse(0);
    }

    public CompletableFuture<SentMessage> edit(long me, long chatId, long id, String text) {
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireMember();
                    if (!a.chat().channel()) {
                        // an edit is a send of new text: a member restricted from sending (or
                        // from links) cannot put it into an old message either; in channels only
                        // admins edit, under the rights checked below
                        a.requireSend(text);
                    }
                    MessageRecord m =
                            w.tx.messages()
                                    .get(chatId, id)
                                    .filter(x -> x.action() == null)
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.MESSAGE_NOT_FOUND,
                                                            "No message " + id + " here"));
                    boolean mine = author(w.tx, m) == me;
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
                    if (m.text().equals(text)) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_MODIFIED, "The text is the same as before");
                    }
                    MessageRecord edited = m.edited(text, w.now);
                    w.tx.messages().updateText(chatId, id, text, w.now);
                    if (m.fromId() == 0) {
                        ChatService.log(w, chatId, me, "edit", 0, id, "");
                    }
                    boolean post = a.chat().channel();
                    long pts =
                            chats.posts()
                                    .event(
                                            w,
                                            a.chat(),
                                            BoxEvent.message(
                                                    BoxEvent.Kind.EDIT_MESSAGE, chatId, id, w.now),
                                            viewer ->
                                                    Update.newBuilder()
                                                            .setEditedMessage(
                                                                    EditedMessage.newBuilder()
                                                                            .setMessage(
                                                                                    MessageViews
                                                                                            .renderShared(
                                                                                                    edited,
                                                                                                    viewer,
                                                                                                    post,
                                                                                                    false))),
                                            List.of(),
                                            me,
                                            me);
                    return sent(edited, me, a.chat(), pts);
                });
    }

    /**
     * Deletes for everybody (a purge); in groups without revoke, hides them for the caller only.
     */
    public CompletableFuture<AffectedPts> delete(
            long me, long chatId, List<Long> rawIds, boolean revoke) {
        Set<Long> ids = new LinkedHashSet<>(rawIds);
        if (ids.isEmpty() || ids.size() > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "Delete 1 to 100 messages at once");
        }
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireMember();
                    List<MessageRecord> found = w.tx.messages().byIds(chatId, me, ids);
                    if (found.isEmpty()) {
                        throw new ApiException(
                                ErrorCode.MESSAGE_NOT_FOUND, "None of those messages exists");
                    }
                    List<Long> found_ = found.stream().map(MessageRecord::id).toList();
                    if (!revoke && a.chat().kind() == ChatKind.GROUP) {
                        w.tx.messages().hide(me, chatId, found_);
                        DeletedMessages d =
                                DeletedMessages.newBuilder()
                                        .setPeer(chatPeer(chatId))
                                        .addAllIds(found_)
                                        .build();
                        long pts =
                                w.tx.boxes()
                                        .append(
                                                me,
                                                BoxEvent.of(
                                                        BoxEvent.Kind.DELETE_MESSAGES,
                                                        chatId,
                                                        d.toByteArray(),
                                                        1,
                                                        w.now));
                        Update u =
                                Update.newBuilder()
                                        .setPts(pts)
                                        .setPtsCount(1)
                                        .setDeletedMessages(d)
                                        .build();
                        w.afterCommit(
                                () -> publisher.toUser(me, Updates.newBuilder().addUpdates(u)));
                        return AffectedPts.newBuilder().setPts(pts).setPtsCount(1).build();
                    }
                    for (MessageRecord m : found) {
                        boolean mine = author(w.tx, m) == me;
                        boolean allowed =
                                a.hasAdmin(Rights.DELETE_MESSAGES)
                                        || mine
                                                && (!a.chat().channel()
                                                        || a.hasAdmin(Rights.POST_MESSAGES));
                        if (!allowed) {
                            throw new ApiException(
                                    ErrorCode.MESSAGE_DELETE_FORBIDDEN,
                                    "Deleting others' messages needs the delete_messages right");
                        }
                    }
                    w.tx.messages().delete(chatId, found_);
                    w.tx.boxes().purgeMessageEvents(chatId, found_);
                    if (a.admin()) {
                        ChatService.log(w, chatId, me, "delete", 0, 0, "messages " + found_);
                    }
                    DeletedMessages d =
                            DeletedMessages.newBuilder()
                                    .setPeer(chatPeer(chatId))
                                    .addAllIds(found_)
                                    .build();
                    long pts =
                            chats.posts()
                                    .event(
                                            w,
                                            a.chat(),
                                            BoxEvent.of(
                                                    BoxEvent.Kind.DELETE_MESSAGES,
                                                    chatId,
                                                    d.toByteArray(),
                                                    1,
                                                    w.now),
                                            viewer -> Update.newBuilder().setDeletedMessages(d),
                                            List.of(),
                                            me,
                                            me);
                    return AffectedPts.newBuilder()
                            .setPts(pts)
                            .setPtsCount(1)
                            .setChannelId(box(a.chat()))
                            .build();
                });
    }

    /** Marks the chat read up to maxId for the caller (and clears mentions up to there). */
    public CompletableFuture<AffectedPts> read(long me, long chatId, long maxId) {
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requireMember();
                    long top =
                            w.tx.messages()
                                    .newestVisible(chatId, me)
                                    .map(MessageRecord::id)
                                    .orElse(0L);
                    long upTo = Math.min(maxId <= 0 ? top : maxId, top);
                    w.tx.messages().readMentions(chatId, me, upTo);
                    var dialog = w.tx.dialogs().get(me, chatId);
                    long before = dialog.map(d -> d.readInboxMaxId()).orElse(0L);
                    if (dialog.isEmpty()) {
                        w.tx.dialogs().onNewMessage(me, chatId, 0, top, w.now, 0);
                    } else if (upTo <= before) {
                        return AffectedPts.newBuilder()
                                .setPts(w.tx.boxes().head(me))
                                .setPtsCount(0)
                                .build();
                    }
                    int unread = w.tx.messages().countUnread(chatId, me, upTo);
                    w.tx.dialogs().setReadInbox(me, chatId, upTo, unread);
                    if (a.chat().kind() == ChatKind.GROUP) {
                        readReceipts(w, chatId, me, before, upTo);
                    }
                    ReadInbox inbox =
                            ReadInbox.newBuilder()
                                    .setPeer(chatPeer(chatId))
                                    .setMaxId(upTo)
                                    .setStillUnread(unread)
                                    .build();
                    long pts =
                            w.tx.boxes()
                                    .append(
                                            me,
                                            BoxEvent.of(
                                                    BoxEvent.Kind.READ_INBOX,
                                                    chatId,
                                                    inbox.toByteArray(),
                                                    1,
                                                    w.now));
                    Update u =
                            Update.newBuilder()
                                    .setPts(pts)
                                    .setPtsCount(1)
                                    .setReadInbox(inbox)
                                    .build();
                    w.afterCommit(() -> publisher.toUser(me, Updates.newBuilder().addUpdates(u)));
                    return AffectedPts.newBuilder().setPts(pts).setPtsCount(1).build();
                });
    }

    /** In a group, the senders of what was just read learn it was read (their outbox). */
    private void readReceipts(ChatWrite w, long chatId, long reader, long after, long upTo) {
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
                org.chapar.protocol.ReadOutbox outbox =
                        org.chapar.protocol.ReadOutbox.newBuilder()
                                .setPeer(chatPeer(chatId))
                                .setMaxId(upTo)
                                .build();
                long pts =
                        w.tx.boxes()
                                .append(
                                        sender,
                                        BoxEvent.of(
                                                BoxEvent.Kind.READ_OUTBOX,
                                                chatId,
                                                outbox.toByteArray(),
                                                1,
                                                w.now));
                Update u =
                        Update.newBuilder()
                                .setPts(pts)
                                .setPtsCount(1)
                                .setReadOutbox(outbox)
                                .build();
                w.afterCommit(() -> publisher.toUser(sender, Updates.newBuilder().addUpdates(u)));
            }
        }
    }

    public CompletableFuture<MessageList> history(long me, long chatId, long offsetId, int limit) {
        if (limit < 0 || limit > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "A page has 1 to 100 entries");
        }
        int n = limit == 0 ? 50 : limit;
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireReader();
                    return list(tx, a, tx.messages().history(chatId, me, offsetId, n));
                });
    }

    public CompletableFuture<MessageList> byIds(long me, long chatId, List<Long> ids) {
        if (ids.size() > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "At most 100 messages at once");
        }
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireReader();
                    return list(tx, a, tx.messages().byIds(chatId, me, ids));
                });
    }

    private MessageList list(StoreTx tx, Access a, List<MessageRecord> messages) {
        MessageList.Builder out = MessageList.newBuilder();
        Set<Long> ids = new LinkedHashSet<>();
        long me = a.userId();
        for (MessageRecord m : messages) {
            out.addMessages(
                    MessageViews.renderShared(
                            m,
                            me,
                            a.chat().channel(),
                            tx.messages().mentions(m.chatId(), m.id(), me)));
            if (m.fromId() != 0) {
                ids.add(m.fromId());
            }
            if (m.action() != null) {
                ids.addAll(m.action().getUserIdsList());
            }
        }
        out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
        return out.build();
    }

    public CompletableFuture<AffectedPts> pin(
            long me, long chatId, long id, boolean unpin, boolean silent) {
        return chats.write(
                w -> {
                    Access a = Access.load(w.tx, chatId, me, w.now);
                    a.requirePermission(Rights.PIN, Rights.PIN_MESSAGES, "pin_messages");
                    w.tx.messages()
                            .get(chatId, id)
                            .orElseThrow(
                                    () ->
                                            new ApiException(
                                                    ErrorCode.MESSAGE_NOT_FOUND,
                                                    "No message " + id + " here"));
                    ChatRecord c = a.chat();
                    w.tx.messages().setPinned(chatId, id, !unpin);
                    long pinnedId = unpin ? (c.pinnedId() == id ? 0 : c.pinnedId()) : id;
                    w.tx.sharedChats()
                            .update(
                                    new ChatRecord(
                                            c.id(),
                                            c.kind(),
                                            c.title(),
                                            c.about(),
                                            c.username(),
                                            c.creatorId(),
                                            c.signatures(),
                                            c.slowMode(),
                                            c.defaultBanned(),
                                            c.pts(),
                                            c.membersCount(),
                                            pinnedId,
                                            c.created()));
                    if (a.admin()) {
                        ChatService.log(w, chatId, me, unpin ? "unpin" : "pin", 0, id, "");
                    }
                    PinnedMessage p =
                            PinnedMessage.newBuilder()
                                    .setPeer(chatPeer(chatId))
                                    .setId(id)
                                    .setPinned(!unpin)
                                    .build();
                    long pts =
                            chats.posts()
                                    .event(
                                            w,
                                            c,
                                            BoxEvent.of(
                                                    BoxEvent.Kind.PINNED,
                                                    chatId,
                                                    p.toByteArray(),
                                                    1,
                                                    w.now),
                                            viewer -> Update.newBuilder().setPinnedMessage(p),
                                            List.of(),
                                            me,
                                            me);
                    if (!unpin && !silent) {
                        pts =
                                chats.posts()
                                        .service(
                                                w,
                                                ChatService.fresh(w, c),
                                                a.visibleActor(),
                                                MessageAction.newBuilder()
                                                        .setType(MessageAction.Type.MESSAGE_PINNED)
                                                        .setMessageId(id)
                                                        .build())
                                        .pts();
                    }
                    return AffectedPts.newBuilder()
                            .setPts(pts)
                            .setPtsCount(1)
                            .setChannelId(box(c))
                            .build();
                });
    }

    /**
     * Forwards a message the caller can see into a shared chat. A channel post or an anonymous
     * admin's post is attributed to its chat, never to the admin who wrote it.
     */
    public CompletableFuture<SentMessage> forward(
            long me, Peer from, long id, Peer to, long randomId) {
        if (to.getKindCase() == Peer.KindCase.KIND_NOT_SET) {
            throw new ApiException(ErrorCode.PEER_INVALID, "Say which chat to forward to");
        }
        return store.read(tx -> source(tx, me, from, id, randomId))
                .thenCompose(
                        src -> {
                            if (to.getKindCase() == Peer.KindCase.USER_ID) {
                                // The private send is its own write; count the channel post's
                                // forward after it,
                                // once: a retry (same random_id) finds its first record and counts
                                // nothing.
                                boolean retry = src.retry;
                                CompletableFuture<SentMessage> sent =
                                        privateChats.forward(
                                                me, to, src.text, randomId, src.source.header);
                                return src.source.countOn == 0 || retry
                                        ? sent
                                        : sent.thenCompose(
                                                s ->
                                                        store.write(
                                                                tx -> {
                                                                    tx.messages()
                                                                            .addForward(
                                                                                    src.source
                                                                                            .countOn,
                                                                                    src.source
                                                                                            .messageId);
                                                                    return s;
                                                                }));
                            }
                            return send(me, to.getChatId(), src.text, randomId, 0, src.source);
                        });
    }

    private record Loaded(String text, Source source, boolean retry) {}

    private Loaded source(StoreTx tx, long me, Peer from, long id, long randomId) {
        MessageRecord m;
        ChatRecord chat = null;
        if (from.getKindCase() == Peer.KindCase.CHAT_ID) {
            Access a = Access.load(tx, from.getChatId(), me, clock.millis() / 1000);
            a.requireReader();
            chat = a.chat();
            m = tx.messages().byIds(chat.id(), me, List.of(id)).stream().findFirst().orElse(null);
        } else if (from.getKindCase() == Peer.KindCase.USER_ID) {
            long chatId =
                    tx.chats()
                            .findPrivateChat(me, from.getUserId())
                            .orElseThrow(
                                    () ->
                                            new ApiException(
                                                    ErrorCode.MESSAGE_NOT_FOUND,
                                                    "You have no chat with that user"));
            m = tx.messages().byIds(chatId, me, List.of(id)).stream().findFirst().orElse(null);
        } else {
            throw new ApiException(ErrorCode.PEER_INVALID, "Say which chat to forward from");
        }
        if (m == null || m.action() != null) {
            throw new ApiException(ErrorCode.MESSAGE_NOT_FOUND, "No message " + id + " to forward");
        }
        ForwardHeader header;
        long countOn = 0;
        if (m.fwd() != null) {
            header = m.fwd();
        } else if (chat != null && chat.channel()) {
            header =
                    ForwardHeader.newBuilder()
                            .setFromChatId(chat.id())
                            .setMessageId(m.id())
                            .setDate(m.date())
                            .setPostAuthor(m.postAuthor())
                            .build();
            countOn = chat.id();
        } else if (m.fromId() == 0 && chat != null) {
            header = ForwardHeader.newBuilder().setFromChatId(chat.id()).setDate(m.date()).build();
        } else {
            header = ForwardHeader.newBuilder().setFromUserId(m.fromId()).setDate(m.date()).build();
        }
        return new Loaded(
                m.text(),
                new Source(header, countOn, m.id()),
                tx.messages().findSent(me, randomId).isPresent());
    }

    public CompletableFuture<MessageViewsList> views(
            long me, long chatId, List<Long> ids, boolean increment) {
        if (ids.isEmpty() || ids.size() > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "Ask for 1 to 100 messages");
        }
        java.util.function.Function<StoreTx, MessageViewsList> work =
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireReader();
                    MessageViewsList.Builder out = MessageViewsList.newBuilder();
                    for (long id : ids) {
                        if (increment) {
                            tx.messages().addView(chatId, id, me);
                        }
                        tx.messages()
                                .get(chatId, id)
                                .ifPresent(
                                        m ->
                                                out.addViews(
                                                        MessageViewCount.newBuilder()
                                                                .setId(id)
                                                                .setViews(m.views())
                                                                .setForwards(m.forwards())));
                    }
                    return out.build();
                };
        return increment ? store.write(work) : store.read(work);
    }

    static Peer chatPeer(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }
}
