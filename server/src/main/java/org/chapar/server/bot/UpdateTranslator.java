package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.CallbackQuery;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Update;
import org.chapar.server.account.AccountRecord;
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

    /** Kinds delivered only to a bot that lists them in allowed_updates, as on Telegram. */
    private static final Set<String> ASKED_FOR = Set.of("chat_member");

    private UpdateTranslator() {}

    /** Whether the bot takes this kind; an empty allowed_updates is Telegram's default set. */
    static boolean wanted(Set<String> allowed, String kind) {
        return allowed.isEmpty() ? !ASKED_FOR.contains(kind) : allowed.contains(kind);
    }

    static Optional<ObjectNode> translate(
            StoreTx tx, BotFileIds.Issuer bot, Update u, Set<String> allowed) {
        if (u.hasCallbackQuery()) {
            return wanted(allowed, "callback_query") ? callbackQuery(tx, bot, u) : Optional.empty();
        }
        Message m;
        boolean edited;
        switch (u.getKindCase()) {
            case MEMBER_CHANGED -> {
                return MemberUpdates.changed(tx, bot.bot(), u, allowed);
            }
            case BOT_JOIN_REQUEST -> {
                return MemberUpdates.joinRequest(tx, u, allowed);
            }
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
        if (m.getOut() || m.getFromId() == bot.bot() || m.hasAction()) {
            return Optional.empty();
        }
        boolean channel = TelegramObjects.kindOf(tx, m).orElse(null) == ChatKind.CHANNEL;
        String kind =
                channel
                        ? (edited ? "edited_channel_post" : "channel_post")
                        : (edited ? "edited_message" : "message");
        if (!wanted(allowed, kind)) {
            return Optional.empty();
        }
        return TelegramObjects.message(tx, m, bot)
                .map(
                        msg -> {
                            ObjectNode out = BotJson.object().put("update_id", u.getPts());
                            out.set(kind, msg);
                            return out;
                        });
    }

    /** The press with the bot's message as the bot sees it now; empty if the message is gone. */
    private static Optional<ObjectNode> callbackQuery(StoreTx tx, BotFileIds.Issuer bot, Update u) {
        CallbackQuery q = u.getCallbackQuery();
        Optional<AccountRecord> from = tx.accounts().byId(q.getFromUserId());
        Optional<Message> m = TelegramObjects.seenBy(tx, bot.bot(), q.getPeer(), q.getMessageId());
        if (from.isEmpty() || m.isEmpty()) {
            return Optional.empty();
        }
        return TelegramObjects.message(tx, m.get(), bot)
                .map(
                        msg -> {
                            ObjectNode cq = BotJson.object().put("id", q.getId());
                            cq.set("from", TelegramObjects.user(from.get()));
                            cq.set("message", msg);
                            cq.put("chat_instance", msg.get("chat").get("id").asText());
                            cq.put("data", q.getData());
                            ObjectNode out = BotJson.object().put("update_id", u.getPts());
                            out.set("callback_query", cq);
                            return out;
                        });
    }
}
