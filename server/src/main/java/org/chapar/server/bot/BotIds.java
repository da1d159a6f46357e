package org.chapar.server.bot;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Peer;

/**
 * Chat ids as the Bot API writes them: a user's private chat is the user's id, a group {@code -id},
 * a supergroup or channel {@code -100…id} (-1e12 - id), so that libraries that tell chats apart by
 * the sign and the -100 prefix see what they expect.
 */
final class BotIds {
    private static final long SHARED = 1_000_000_000_000L;

    private BotIds() {}

    static long chatId(long sharedChatId, ChatKind kind) {
        return kind == ChatKind.GROUP ? -sharedChatId : -(SHARED + sharedChatId);
    }

    static long chatId(Peer peer, ChatKind kind) {
        return peer.hasUserId() ? peer.getUserId() : chatId(peer.getChatId(), kind);
    }

    /** The peer a Bot API chat_id names; BotError if it names none. */
    static Peer peer(long botApiId) {
        if (botApiId > 0) {
            return Peer.newBuilder().setUserId(botApiId).build();
        }
        if (botApiId < -SHARED) {
            return Peer.newBuilder().setChatId(-botApiId - SHARED).build();
        }
        if (botApiId < 0) {
            return Peer.newBuilder().setChatId(-botApiId).build();
        }
        throw BotError.badRequest("chat not found");
    }
}
