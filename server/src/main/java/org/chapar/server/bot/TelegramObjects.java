package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.Viewer;
import org.chapar.server.store.StoreTx;

import java.util.Optional;

/**
 * Telegram's User, Chat and Message objects from what the shared rules answered the bot. Only what
 * the bot was given goes in: a post stored without its author (from_id 0) becomes a message with
 * {@code sender_chat} and nothing that names the admin (docs/adr/0015-bot-api.md).
 */
final class TelegramObjects {
    /** Telegram's stand-in sender of anonymous group admins' messages (its documented id). */
    static final long GROUP_ANONYMOUS_BOT = 1_087_968_824L;

    private TelegramObjects() {}

    static ObjectNode user(AccountRecord a) {
        ObjectNode u =
                BotJson.object()
                        .put("id", a.id())
                        .put("is_bot", a.bot())
                        .put("first_name", a.displayName())
                        .put("username", a.username());
        return u;
    }

    /** Who an anonymous group admin's actions are from, to a bot. */
    static ObjectNode groupAnonymousBot() {
        return BotJson.object()
                .put("id", GROUP_ANONYMOUS_BOT)
                .put("is_bot", true)
                .put("first_name", "Group")
                .put("username", "GroupAnonymousBot");
    }

    /** The bot itself, as getMe answers it. */
    static ObjectNode me(AccountRecord a) {
        return user(a).put("can_join_groups", true)
                .put("can_read_all_group_messages", true) // no privacy mode: ADR 0015
                .put("supports_inline_queries", false)
                .put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    static ObjectNode privateChat(AccountRecord other) {
        return BotJson.object()
                .put("id", other.id())
                .put("type", "private")
                .put("first_name", other.displayName())
                .put("username", other.username());
    }

    static ObjectNode chat(ChatRecord c) {
        ObjectNode o =
                BotJson.object()
                        .put("id", BotIds.chatId(c.id(), c.kind()))
                        .put("type", type(c.kind()))
                        .put("title", c.title());
        if (!c.username().isEmpty()) {
            o.put("username", c.username());
        }
        return o;
    }

    static String type(ChatKind kind) {
        return switch (kind) {
            case GROUP -> "group";
            case CHANNEL -> "channel";
            default -> "supergroup";
        };
    }

    /** The chat of a message as the bot sees it; empty if it no longer exists. */
    static Optional<ObjectNode> chatOf(StoreTx tx, Message m) {
        if (m.getPeer().hasUserId()) {
            return tx.accounts().byId(m.getPeer().getUserId()).map(TelegramObjects::privateChat);
        }
        return tx.sharedChats().get(m.getPeer().getChatId()).map(TelegramObjects::chat);
    }

    static Optional<ChatKind> kindOf(StoreTx tx, Message m) {
        if (m.getPeer().hasUserId()) {
            return Optional.of(ChatKind.CHAT_KIND_UNSPECIFIED);
        }
        return tx.sharedChats().get(m.getPeer().getChatId()).map(ChatRecord::kind);
    }

    /** A Telegram Message with the bot's file ids; empty if its chat is gone. */
    static Optional<ObjectNode> message(StoreTx tx, Message m, BotFileIds.Issuer files) {
        return message(tx, m, files, true);
    }

    /**
     * The message {@code id} of the chat {@code peer} names, as {@code bot} sees it now: empty if
     * it is gone or hidden from the bot.
     */
    static Optional<Message> seenBy(StoreTx tx, long bot, Peer peer, long id) {
        if (peer.hasUserId()) {
            long user = peer.getUserId();
            return tx.chats().findPrivateChat(bot, user).stream()
                    .boxed()
                    .findFirst()
                    .flatMap(chat -> tx.messages().get(chat, id))
                    .filter(r -> !tx.messages().hiddenFor(bot, r.chatId(), r.id()))
                    .flatMap(r -> MessageViews.view(r, new Viewer.InPrivateChat(bot, user)));
        }
        long chat = peer.getChatId();
        return tx.sharedChats()
                .get(chat)
                .flatMap(
                        c ->
                                tx.messages()
                                        .get(chat, id)
                                        .flatMap(
                                                r ->
                                                        MessageViews.view(
                                                                r,
                                                                new Viewer.Everyone(c.channel()))));
    }

    /**
     * {@code withReply}: the message replied to is given whole, as Telegram does, one level deep
     * (its own reply is not), and left out when the bot cannot see it any more.
     */
    private static Optional<ObjectNode> message(
            StoreTx tx, Message m, BotFileIds.Issuer files, boolean withReply) {
        Optional<ObjectNode> chat = chatOf(tx, m);
        if (chat.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = BotJson.object().put("message_id", m.getId());
        if (m.getFromId() != 0) {
            tx.accounts().byId(m.getFromId()).ifPresent(a -> o.set("from", user(a)));
        } else {
            // the chat speaks: a channel post, or an anonymous admin in a group
            o.set("sender_chat", chat.get());
            if (!"channel".equals(chat.get().get("type").asText())) {
                o.set("from", groupAnonymousBot());
            }
        }
        if (!m.getPostAuthor().isEmpty()) {
            o.put("author_signature", m.getPostAuthor());
        }
        o.put("date", m.getDate());
        o.set("chat", chat.get());
        if (m.getEditDate() != 0) {
            o.put("edit_date", m.getEditDate());
        }
        if (withReply && m.getReplyToId() != 0) {
            seenBy(tx, files.bot(), m.getPeer(), m.getReplyToId())
                    .flatMap(r -> message(tx, r, files, false))
                    .ifPresent(r -> o.set("reply_to_message", r));
        }
        if (m.hasFwdFrom()) {
            o.set("forward_origin", forwardOrigin(tx, m));
        }
        if (!m.getText().isEmpty()) {
            o.put("text", m.getText());
        }
        Keyboards.render(m, o);
        TelegramMedia.render(m, o, files);
        return Optional.of(o);
    }

    private static ObjectNode forwardOrigin(StoreTx tx, Message m) {
        var f = m.getFwdFrom();
        ObjectNode o = BotJson.object().put("date", f.getDate());
        if (f.getFromChatId() != 0) {
            var source = tx.sharedChats().get(f.getFromChatId());
            if (source.isPresent() && source.get().channel()) {
                o.put("type", "channel").set("chat", chat(source.get()));
                o.put("message_id", f.getMessageId());
            } else {
                o.put("type", "hidden_user").put("sender_user_name", "");
                source.ifPresent(s -> o.put("type", "chat").set("sender_chat", chat(s)));
            }
            if (!f.getPostAuthor().isEmpty()) {
                o.put("author_signature", f.getPostAuthor());
            }
            return o;
        }
        Optional<AccountRecord> from = tx.accounts().byId(f.getFromUserId());
        if (from.isPresent()) {
            o.put("type", "user").set("sender_user", user(from.get()));
        } else {
            o.put("type", "hidden_user").put("sender_user_name", "Deleted Account");
        }
        return o;
    }
}
