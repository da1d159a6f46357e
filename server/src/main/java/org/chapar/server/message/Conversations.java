package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;
import org.chapar.server.sync.Writes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one entry point for what is done to messages, whatever the peer: send, edit, delete, read,
 * history, pin and forward. It checks the input, picks the {@link ConversationKind} the peer names
 * and runs it in one read or one {@link org.chapar.server.sync.UnitOfWork}.
 */
public final class Conversations {
    static final int MAX_IDS = 100;
    static final int MAX_PAGE = 100;

    private final Writes writes;
    private final Store store;
    private final RateLimiter sends;
    private final ConversationKind privateChats;
    private final ConversationKind sharedChats;
    private final MediaAttachments media;

    public Conversations(
            Writes writes,
            Store store,
            RateLimiter sends,
            UserViews users,
            ConversationKind sharedChats,
            MediaAttachments media) {
        this.media = media;
        this.writes = writes;
        this.store = store;
        this.sends = sends;
        this.privateChats = new PrivateChats(users.access(), new PrivateHistory(users));
        this.sharedChats = sharedChats;
    }

    public CompletableFuture<SentMessage> send(long me, SendMessage r) {
        if (r.hasMedia()) {
            return sendMedia(me, r);
        }
        var draft =
                new ConversationKind.Draft(
                        Texts.require(r.getText()),
                        requireRandomId(r.getRandomId()),
                        r.getReplyToId(),
                        null,
                        AuthorTags.require(r.getAuthorTag()),
                        null,
                        Markups.of(r));
        Peer peer = r.getPeer();
        ConversationKind kind = kind(peer, "Say which chat");
        sends.acquire(me);
        return writes.run(w -> kind.send(w, me, peer, draft).answer());
    }

    /** Media is prepared first (off the writer), then sent like a text with its caption. */
    private CompletableFuture<SentMessage> sendMedia(long me, SendMessage r) {
        String caption = Texts.caption(r.getText());
        long randomId = requireRandomId(r.getRandomId());
        ByteString tag = AuthorTags.require(r.getAuthorTag());
        ByteString markup = Markups.of(r);
        Peer peer = r.getPeer();
        ConversationKind kind = kind(peer, "Say which chat");
        sends.acquire(me);
        return media.prepare(me, r.getMedia(), r.getGroupedId())
                .thenCompose(
                        a -> {
                            var draft =
                                    new ConversationKind.Draft(
                                            caption,
                                            randomId,
                                            r.getReplyToId(),
                                            null,
                                            tag,
                                            a,
                                            markup);
                            return writes.run(w -> kind.send(w, me, peer, draft).answer())
                                    .whenComplete((sent, e) -> media.settle(a));
                        });
    }

    public CompletableFuture<SentMessage> edit(long me, Peer peer, long id, String text) {
        return edit(me, peer, id, text, null);
    }

    /** An edit that also replaces the entities and buttons, unless {@code markup} is null. */
    public CompletableFuture<SentMessage> edit(
            long me, Peer peer, long id, String text, ByteString markup) {
        // checked against the message once it is loaded: a media message's text is its caption
        String raw = text == null ? "" : text;
        ConversationKind kind = kind(peer, "Say which chat");
        return writes.run(w -> kind.edit(w, me, peer, id, raw, markup));
    }

    /** Deletes for the caller, or with {@code revoke} for everybody (as each kind allows). */
    public CompletableFuture<AffectedPts> delete(
            long me, Peer peer, List<Long> rawIds, boolean revoke) {
        Set<Long> ids = new LinkedHashSet<>(rawIds);
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "Delete 1 to " + MAX_IDS + " messages at once");
        }
        ConversationKind kind = kind(peer, "Say which chat");
        return writes.run(w -> kind.delete(w, me, peer, ids, revoke))
                .whenComplete((done, e) -> media.released());
    }

    public CompletableFuture<AffectedPts> read(long me, Peer peer, long maxId) {
        ConversationKind kind = kind(peer, "Say which chat");
        return writes.run(w -> kind.read(w, me, peer, maxId));
    }

    public CompletableFuture<AffectedPts> pin(
            long me, Peer peer, long id, boolean unpin, boolean silent) {
        ConversationKind kind = kind(peer, "Say which chat");
        return writes.run(w -> kind.pin(w, me, peer, id, unpin, silent));
    }

    public CompletableFuture<MessageList> history(long me, Peer peer, long offsetId, int limit) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "A page has 1 to " + MAX_PAGE + " entries");
        }
        int n = limit == 0 ? 50 : limit;
        ConversationKind kind = kind(peer, "Say which chat");
        return store.read(tx -> kind.history(tx, me, peer, offsetId, n));
    }

    public CompletableFuture<MessageList> byIds(long me, Peer peer, List<Long> ids) {
        if (ids.size() > MAX_PAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "At most " + MAX_PAGE + " messages at once");
        }
        ConversationKind kind = kind(peer, "Say which chat");
        return store.read(tx -> kind.byIds(tx, me, peer, ids));
    }

    /**
     * Copies a message the caller can see into another chat, in one write: the copy, and the count
     * on the channel post it came from (once: a retry with the same random_id counts nothing). A
     * channel post or an anonymous admin's post is attributed to its chat, never to its author.
     */
    public CompletableFuture<SentMessage> forward(long me, ForwardMessage r) {
        Peer from = r.getFromPeer();
        Peer to = r.getToPeer();
        ConversationKind target = kind(to, "Say which chat to forward to");
        ConversationKind source = kind(from, "Say which chat to forward from");
        long randomId = requireRandomId(r.getRandomId());
        ByteString tag = AuthorTags.require(r.getAuthorTag());
        sends.acquire(me);
        return writes.run(
                w -> {
                    var src = source.forwardSource(w, me, from, r.getId());
                    var draft =
                            new ConversationKind.Draft(
                                    src.text(),
                                    randomId,
                                    0,
                                    src.header(),
                                    tag,
                                    src.media() == null ? null : Attachment.forwarded(src.media()),
                                    null);
                    var sent = target.send(w, me, to, draft);
                    if (!sent.retry() && src.countOnChat() != 0) {
                        w.tx.messages().addForward(src.countOnChat(), src.messageId());
                    }
                    return sent.answer();
                });
    }

    private ConversationKind kind(Peer peer, String unnamed) {
        return switch (peer.getKindCase()) {
            case USER_ID -> {
                if (peer.getUserId() <= 0) {
                    throw new ApiException(ErrorCode.PEER_INVALID, "No such user");
                }
                yield privateChats;
            }
            case CHAT_ID -> sharedChats;
            case KIND_NOT_SET -> throw new ApiException(ErrorCode.PEER_INVALID, unnamed);
        };
    }

    private static long requireRandomId(long randomId) {
        if (randomId == 0) {
            throw ApiException.badRequest("random_id must be a non-zero random number");
        }
        return randomId;
    }
}
