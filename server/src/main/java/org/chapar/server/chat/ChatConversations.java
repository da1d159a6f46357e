package org.chapar.server.chat;

import com.google.protobuf.ByteString;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.MessageViewsList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.server.account.UserViews;
import org.chapar.server.message.ConversationKind;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UnitOfWork;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Groups, supergroups and channels as a kind of conversation: the rules of {@link ChatSends},
 * {@link ChatChanges} and {@link ChatHistory} behind the one entry point that takes a peer.
 */
public final class ChatConversations implements ConversationKind {
    private final ChatSends sends;
    private final ChatChanges changes;
    private final ChatHistory history;

    public ChatConversations(
            ChatPosts posts, AdminLogService adminLog, Store store, Clock clock, UserViews users) {
        this.sends = new ChatSends(posts, adminLog);
        this.changes = new ChatChanges(posts, adminLog);
        this.history = new ChatHistory(store, clock, users);
    }

    @Override
    public Sent send(UnitOfWork w, long me, Peer peer, Draft draft) {
        return sends.send(w, me, peer.getChatId(), draft);
    }

    @Override
    public SentMessage edit(
            UnitOfWork w, long me, Peer peer, long id, String text, ByteString markup) {
        return sends.edit(w, me, peer.getChatId(), id, text, markup);
    }

    @Override
    public AffectedPts delete(UnitOfWork w, long me, Peer peer, Set<Long> ids, boolean revoke) {
        return changes.delete(w, me, peer.getChatId(), ids, revoke);
    }

    @Override
    public AffectedPts read(UnitOfWork w, long me, Peer peer, long maxId) {
        return changes.read(w, me, peer.getChatId(), maxId);
    }

    @Override
    public AffectedPts pin(
            UnitOfWork w, long me, Peer peer, long id, boolean unpin, boolean silent) {
        return changes.pin(w, me, peer.getChatId(), id, unpin, silent);
    }

    @Override
    public MessageList history(StoreTx tx, long me, Peer peer, long offsetId, int limit) {
        return history.page(tx, me, peer.getChatId(), offsetId, limit);
    }

    @Override
    public MessageList byIds(StoreTx tx, long me, Peer peer, List<Long> ids) {
        return history.byIds(tx, me, peer.getChatId(), ids);
    }

    @Override
    public ForwardSource forwardSource(UnitOfWork w, long me, Peer peer, long id) {
        return sends.forwardSource(w, me, peer.getChatId(), id);
    }

    /**
     * How often the posts were viewed and forwarded; {@code increment} counts the caller's view.
     */
    public CompletableFuture<MessageViewsList> views(
            long me, long chatId, List<Long> ids, boolean increment) {
        return history.views(me, chatId, ids, increment);
    }
}
