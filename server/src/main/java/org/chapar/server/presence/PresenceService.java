package org.chapar.server.presence;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Peer;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.UserStatus;
import org.chapar.protocol.UserTyping;
import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UpdatePublisher;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Online / last-seen and typing notices. Both are ephemeral updates: pushed to whoever is online
 * now, never written into a box. A user's status goes to the private-chat peers that {@link
 * PresencePolicy} lets see it; typing goes to the other user of a private chat or, as the chat
 * feature's {@link ChatAudiences} decides, to a group's or supergroup's members.
 */
public final class PresenceService {
    private final Store store;
    private final OnlineView online;
    private final PresencePolicy policy;
    private final UpdatePublisher publisher;
    private final RateLimiter typingLimiter;
    private final ChatAudiences chats;

    public PresenceService(
            Store store,
            OnlineView online,
            PresencePolicy policy,
            UpdatePublisher publisher,
            RateLimiter typingLimiter,
            ChatAudiences chats) {
        this.store = store;
        this.online = online;
        this.policy = policy;
        this.publisher = publisher;
        this.typingLimiter = typingLimiter;
        this.chats = chats;
        online.onUserOnline(id -> announce(id, true, 0));
        online.onUserOffline(this::wentOffline);
    }

    /** Stores when the user was last seen, then tells their watchers. */
    private void wentOffline(long userId, long lastSeenMillis) {
        long at = lastSeenMillis / 1000;
        store.write(
                        tx -> {
                            tx.accounts().setLastSeen(userId, at);
                            return null;
                        })
                .whenComplete((r, e) -> announce(userId, false, at));
    }

    private void announce(long userId, boolean isOnline, long lastSeen) {
        if (isOnline != online.isOnline(userId)) {
            return; // changed again meanwhile; the later announcement wins
        }
        UserStatus status =
                UserStatus.newBuilder()
                        .setUserId(userId)
                        .setOnline(isOnline)
                        .setLastSeen(lastSeen)
                        .build();
        store.read(tx -> policy.watchers(tx, userId)).thenAccept(peers -> push(peers, status));
    }

    private void push(List<Long> peers, UserStatus status) {
        for (long peer : peers) {
            if (online.isOnline(peer)) {
                publisher.toUser(
                        peer,
                        Updates.newBuilder().addUpdates(Update.newBuilder().setUserStatus(status)));
            }
        }
    }

    /**
     * Who sees a user typing in a shared chat: the chat feature's rule, read in {@code tx}, which
     * refuses a user who may not send there.
     */
    public interface ChatAudiences {
        TypingAudience typingAudience(StoreTx tx, long userId, long chatId);
    }

    /**
     * Tells the other user of an existing private chat, or the members of a group or supergroup,
     * that this user is typing (or stopped). Rate limited per user, whatever the peer.
     */
    public CompletableFuture<Void> typing(long userId, Peer peer, TypingAction action) {
        return switch (peer.getKindCase()) {
            case USER_ID -> typingToUser(userId, peer.getUserId(), action);
            case CHAT_ID -> typingInChat(userId, peer.getChatId(), action);
            default ->
                    throw new ApiException(
                            ErrorCode.PEER_INVALID, "Typing notices go to a user or a group");
        };
    }

    private CompletableFuture<Void> typingToUser(long userId, long to, TypingAction action) {
        typingLimiter.acquire(userId);
        return store.read(tx -> tx.chats().findPrivateChat(userId, to).isPresent())
                .thenAccept(
                        haveChat -> {
                            if (!haveChat) {
                                throw new ApiException(
                                        ErrorCode.PEER_INVALID,
                                        "Typing notices go to users you have a chat with");
                            }
                            if (to != userId && online.isOnline(to)) {
                                publisher.toUser(
                                        to,
                                        Updates.newBuilder()
                                                .addUpdates(
                                                        typing(
                                                                Peer.newBuilder().setUserId(userId),
                                                                userId,
                                                                action)));
                            }
                        });
    }

    /** Never stored: pushed to the members online now (a supergroup's: once, on its topic). */
    private CompletableFuture<Void> typingInChat(long userId, long chatId, TypingAction action) {
        typingLimiter.acquire(userId);
        Update.Builder u = typing(Peer.newBuilder().setChatId(chatId), userId, action);
        return store.read(tx -> chats.typingAudience(tx, userId, chatId))
                .thenAccept(
                        audience -> {
                            if (audience.topicChatId() != 0) {
                                publisher.toChat(
                                        chatId,
                                        Updates.newBuilder().addUpdates(u.setChannelId(chatId)));
                                return;
                            }
                            for (long id : audience.members()) {
                                if (id != userId && online.isOnline(id)) {
                                    publisher.toUser(id, Updates.newBuilder().addUpdates(u));
                                }
                            }
                        });
    }

    private static Update.Builder typing(Peer.Builder peer, long userId, TypingAction action) {
        return Update.newBuilder()
                .setUserTyping(
                        UserTyping.newBuilder().setPeer(peer).setUserId(userId).setAction(action));
    }
}
