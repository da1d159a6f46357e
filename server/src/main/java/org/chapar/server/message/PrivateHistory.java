package org.chapar.server.message;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.ConversationKind.ForwardSource;
import org.chapar.server.store.StoreTx;

import java.util.List;
import java.util.Set;

/** The read side of private chats: history pages, messages by id, and what a forward copies. */
final class PrivateHistory {
    private final UserViews users;

    PrivateHistory(UserViews users) {
        this.users = users;
    }

    MessageList page(StoreTx tx, long me, Peer peer, long offsetId, int limit) {
        long peerId = peer.getUserId();
        MessageList.Builder out = MessageList.newBuilder();
        var chat = tx.chats().findPrivateChat(me, peerId);
        if (chat.isPresent()) {
            for (MessageRecord m : tx.messages().history(chat.getAsLong(), me, offsetId, limit)) {
                out.addMessages(MessageViews.render(m, me, peerId));
            }
        } else if (!users.access().mayName(tx, me, peerId, peer.getAccessHash())
                || tx.accounts().byId(peerId).isEmpty()) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND, "No such user");
        }
        out.addAllUsers(participants(tx, me, peerId));
        return out.build();
    }

    MessageList byIds(StoreTx tx, long me, Peer peer, List<Long> ids) {
        long peerId = peer.getUserId();
        MessageList.Builder out = MessageList.newBuilder();
        var chat = tx.chats().findPrivateChat(me, peerId);
        if (chat.isPresent()) {
            for (MessageRecord m : tx.messages().byIds(chat.getAsLong(), me, ids)) {
                out.addMessages(MessageViews.render(m, me, peerId));
            }
        }
        if (chat.isPresent() || users.access().mayName(tx, me, peerId, peer.getAccessHash())) {
            out.addAllUsers(participants(tx, me, peerId));
        }
        return out.build();
    }

    /** A private chat's message to forward: attributed to its sender, or to its first source. */
    ForwardSource forwardSource(StoreTx tx, long me, Peer peer, long id) {
        long chatId = chatOf(tx, me, peer.getUserId());
        MessageRecord m = ForwardSource.forwardable(tx, chatId, me, id);
        ForwardHeader header =
                m.fwd() != null
                        ? m.fwd()
                        : ForwardHeader.newBuilder()
                                .setFromUserId(m.fromId())
                                .setDate(m.date())
                                .build();
        return new ForwardSource(m.text(), header, 0, m.id(), m.media());
    }

    /** The private chat of two users, which must exist already. */
    long chatOf(StoreTx tx, long me, long peerId) {
        return tx.chats()
                .findPrivateChat(me, peerId)
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorCode.MESSAGE_NOT_FOUND,
                                        "You have no chat with that user"));
    }

    /** The users of a private chat (one for saved messages), presence as PresencePolicy allows. */
    private List<User> participants(StoreTx tx, long me, long peerId) {
        return users.render(tx, tx.accounts().byIds(Set.copyOf(List.of(me, peerId))), me);
    }
}
