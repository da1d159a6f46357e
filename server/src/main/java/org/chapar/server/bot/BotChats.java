package org.chapar.server.bot;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Peer;
import org.chapar.server.chat.ChatQueries;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.store.Store;

import java.util.concurrent.CompletableFuture;

/**
 * Resolves a Bot API {@code chat_id} (a number, or {@code @username} of a public chat) to the peer
 * the shared rules take, and knows each chat's kind for writing ids back.
 */
final class BotChats {
    private final Store store;
    private final ChatQueries chats;

    BotChats(Store store, ChatQueries chats) {
        this.store = store;
        this.chats = chats;
    }

    /** A chat the bot named: its peer and kind (CHAT_KIND_UNSPECIFIED for a private chat). */
    record Target(Peer peer, ChatKind kind) {
        long botApiId() {
            return BotIds.chatId(peer, kind);
        }

        boolean shared() {
            return peer.hasChatId();
        }
    }

    CompletableFuture<Target> target(long bot, BotParams p, String field) {
        String raw = p.string(field).orElseThrow(() -> BotError.badRequest("chat_id is empty"));
        if (raw.startsWith("@")) {
            return chats.resolve(bot, raw)
                    .thenApply(
                            info ->
                                    new Target(
                                            Peer.newBuilder()
                                                    .setChatId(info.getChat().getId())
                                                    .build(),
                                            info.getChat().getKind()));
        }
        long id = p.longValue(field, 0);
        Peer peer = BotIds.peer(id);
        if (peer.hasUserId()) {
            return CompletableFuture.completedFuture(
                    new Target(peer, ChatKind.CHAT_KIND_UNSPECIFIED));
        }
        return store.read(
                tx ->
                        tx.sharedChats()
                                .get(peer.getChatId())
                                .map(ChatRecord::kind)
                                .filter(k -> BotIds.chatId(peer.getChatId(), k) == id)
                                .map(k -> new Target(peer, k))
                                .orElseThrow(() -> BotError.badRequest("chat not found")));
    }

    /** A group, supergroup or channel the bot named; a private chat is refused as Telegram does. */
    CompletableFuture<Target> shared(long bot, BotParams p) {
        return target(bot, p, "chat_id")
                .thenApply(
                        t -> {
                            if (!t.shared()) {
                                throw BotError.badRequest(
                                        "method is available for supergroup and channel chats only");
                            }
                            return t;
                        });
    }
}
