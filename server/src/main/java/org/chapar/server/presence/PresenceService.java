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
import org.chapar.server.sync.UpdatePublisher;

import java.time.Clock;
import java.util.List;

/**
 * Online / last-seen and typing notices. Both are ephemeral updates: pushed to whoever is online
 * now, never written into a box. A user's status goes to the private-chat peers that {@link
 * PresencePolicy} lets see it.
 */
public final class PresenceService {
    private final Store store;
    private final OnlineView online;
    private final PresencePolicy policy;
    private final UpdatePublisher publisher;
    private final RateLimiter typingLimiter;
    private final Clock clock;

    public PresenceService(
            Store store,
            OnlineView online,
            PresencePolicy policy,
            UpdatePublisher publisher,
            RateLimiter typingLimiter,
            Clock clock) {
        this.store = store;
        this.online = online;
        this.policy = policy;
        this.publisher = publisher;
        this.typingLimiter = typingLimiter;
        this.clock = clock;
        online.onUserOnline(id -> announce(id, true, 0));
        online.onUserOffline(this::wentOffline);
    }

    private void wentOffline(long userId) {
        long now = clock.millis() / 1000;
        store.write(
                        tx -> {
                            tx.accounts().setLastSeen(userId, now);
                            return null;
                        })
                .whenComplete((r, e) -> announce(userId, false, now));
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
     * Typing notices in groups and supergroups, which their feature delivers (rate limited here).
     */
    public interface ChatTyping {
        java.util.concurrent.CompletableFuture<Void> typing(
                long userId, long chatId, TypingAction action);
    }

    private volatile ChatTyping chatTyping;

    public void typingInChats(ChatTyping handler) {
        this.chatTyping = handler;
    }

    /** Tells the other user of an existing private chat that this user is typing (or stopped). */
    public java.util.concurrent.CompletableFuture<Void> typing(
            long userId, Peer peer, TypingAction action) {
        if (peer.getKindCase() == Peer.KindCase.CHAT_ID && chatTyping != null) {
            typingLimiter.acquire(userId);
            return chatTyping.typing(userId, peer.getChatId(), action);
        }
        if (peer.getKindCase() != Peer.KindCase.USER_ID) {
            throw new ApiException(
                    ErrorCode.PEER_INVALID, "Typing notices go to a user or a group");
        }
        typingLimiter.acquire(userId);
        long to = peer.getUserId();
        return store.read(tx -> tx.chats().findPrivateChat(userId, to).isPresent())
                .thenAccept(
                        haveChat -> {
                            if (!haveChat) {
                                throw new ApiException(
                                        ErrorCode.PEER_INVALID,
                                        "Typing notices go to users you have a chat with");
                            }
                            if (to != userId && online.isOnline(to)) {
                                UserTyping typing =
                                        UserTyping.newBuilder()
                                                .setPeer(Peer.newBuilder().setUserId(userId))
                                                .setUserId(userId)
                                                .setAction(action)
                                                .build();
                                publisher.toUser(
                                        to,
                                        Updates.newBuilder()
                                                .addUpdates(
                                                        Update.newBuilder().setUserTyping(typing)));
                            }
                        });
    }
}
