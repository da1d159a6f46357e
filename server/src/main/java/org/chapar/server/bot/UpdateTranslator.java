package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Update;
import org.chapar.server.store.StoreTx;

import java.util.Optional;
import java.util.Set;

/**
 * One event of the bot's box as a Telegram Update, or nothing where Telegram sends a bot nothing
 * (its own messages, reads, typing). The update_id is the event's pts: increasing, and stable
 * across calls, so an offset confirms exactly the events before it.
 */
final class UpdateTranslator {
    static final Set<String> KINDS =
            Set.of(
                    "message",
                    "edited_message",
                    "channel_post",
                    "edited_channel_post",
                    "callback_query",
                    "my_chat_member",
                    "chat_member",
                    "chat_join_request");

    private UpdateTranslator() {}

    static Optional<ObjectNode> translate(StoreTx tx, long bot, Update u, Set<String> allowed) {
        Message m;
        boolean edited;
        switch (u.getKindCase()) {
            case NEW_MESSAGE -> {
                m = u.getNewMessage().getMessage();
                edited = false;
            }
            case EDITED_MESSAGE -> {
                m = u.getEditedMessage().getMessage();
                edited = true;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (m.getOut() || m.getFromId() == bot || m.hasAction()) {
            return Optional.empty();
        }
        boolean channel = TelegramObjects.kindOf(tx, m).orElse(null) == ChatKind.CHANNEL;
        String kind =
                channel
                        ? (edited ? "edited_channel_post" : "channel_post")
                        : (edited ? "edited_message" : "message");
        if (!allowed.isEmpty() && !allowed.contains(kind)) {
            return Optional.empty();
        }
        return TelegramObjects.message(tx, m)
                .map(
                        msg -> {
                            ObjectNode out = BotJson.object().put("update_id", u.getPts());
                            out.set(kind, msg);
                            return out;
                        });
    }
}
