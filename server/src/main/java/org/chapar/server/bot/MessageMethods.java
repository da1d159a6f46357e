package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.google.protobuf.ByteString;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.Message;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.TypingAction;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Randoms;
import org.chapar.server.message.Conversations;
import org.chapar.server.message.Markups;
import org.chapar.server.presence.PresenceService;
import org.chapar.server.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * sendMessage, editMessageText, deleteMessage(s), forwardMessage, copyMessage, sendChatAction: each
 * is one call of {@link Conversations}, the same rules a user's client goes through.
 */
final class MessageMethods {
    private final Store store;
    private final Conversations conversations;
    private final PresenceService presence;
    private final BotChats chats;
    private final BotSendLimits limits;
    private final BotFileIds files;

    MessageMethods(
            Store store,
            Conversations conversations,
            PresenceService presence,
            BotChats chats,
            BotSendLimits limits,
            BotFileIds files) {
        this.files = files;
        this.store = store;
        this.conversations = conversations;
        this.presence = presence;
        this.chats = chats;
        this.limits = limits;
    }

    void register(BotApi api) {
        api.method("sendMessage", this::sendMessage);
        api.method("editMessageText", this::editMessageText);
        api.method("editMessageReplyMarkup", this::editMessageReplyMarkup);
        api.method("editMessageCaption", this::editMessageCaption);
        api.method("deleteMessage", this::deleteMessage);
        api.method("deleteMessages", this::deleteMessages);
        api.method("forwardMessage", (bot, p) -> forward(bot, p, false));
        api.method("copyMessage", (bot, p) -> forward(bot, p, true));
        api.method("sendChatAction", this::sendChatAction);
    }

    private CompletableFuture<JsonNode> sendMessage(BotService.Session bot, BotParams p) {
        FormattedText text = FormattedText.of(p, "text", "parse_mode", "entities");
        long replyTo = replyTo(p);
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t -> {
                            limits.acquire(bot.id(), t);
                            return conversations.send(
                                    bot.id(),
                                    withMarkup(SendMessage.newBuilder(), text, p, bot.id())
                                            .setPeer(t.peer())
                                            .setText(text.text())
                                            .setReplyToId(replyTo)
                                            .setRandomId(Randoms.positiveId())
                                            .build());
                        })
                .exceptionallyCompose(e -> notFoundAs(e, "message to be replied not found"))
                .thenCompose(sent -> rendered(bot, sent));
    }

    static SendMessage.Builder withMarkup(
            SendMessage.Builder b, FormattedText text, BotParams p, long bot) {
        b.addAllEntities(Keyboards.entities(text.entities()));
        p.json("reply_markup").map(j -> Keyboards.markup(j, bot)).ifPresent(b::setReplyMarkup);
        return b;
    }

    /** The stored form of an edit's entities and inline keyboard (none given: cleared). */
    private static ByteString editMarkup(FormattedText text, BotParams p, long bot) {
        Message.Builder b =
                Message.newBuilder().addAllEntities(Keyboards.entities(text.entities()));
        p.json("reply_markup").map(j -> Keyboards.markup(j, bot)).ifPresent(b::setReplyMarkup);
        return Markups.of(b.build());
    }

    static long replyTo(BotParams p) {
        return p.json("reply_parameters")
                .map(r -> r.path("message_id").asLong(0))
                .orElse(p.longValue("reply_to_message_id", 0));
    }

    private CompletableFuture<JsonNode> editMessageText(BotService.Session bot, BotParams p) {
        if (p.has("inline_message_id")) {
            throw BotError.badRequest("inline messages are not supported");
        }
        FormattedText text = FormattedText.of(p, "text", "parse_mode", "entities");
        long id = p.requireLong("message_id");
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t ->
                                conversations.edit(
                                        bot.id(),
                                        t.peer(),
                                        id,
                                        text.text(),
                                        editMarkup(text, p, bot.id())))
                .exceptionallyCompose(e -> notFoundAs(e, "message to edit not found"))
                .thenCompose(sent -> rendered(bot, sent));
    }

    /** Replaces the inline keyboard, keeping the text and its entities. */
    private CompletableFuture<JsonNode> editMessageReplyMarkup(
            BotService.Session bot, BotParams p) {
        long id = p.requireLong("message_id");
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t ->
                                conversations
                                        .byIds(bot.id(), t.peer(), List.of(id))
                                        .thenCompose(
                                                list -> {
                                                    if (list.getMessagesCount() == 0) {
                                                        throw BotError.badRequest(
                                                                "message to edit not found");
                                                    }
                                                    Message m = list.getMessages(0);
                                                    Message.Builder b =
                                                            Message.newBuilder()
                                                                    .addAllEntities(
                                                                            m.getEntitiesList());
                                                    p.json("reply_markup")
                                                            .map(j -> Keyboards.markup(j, bot.id()))
                                                            .ifPresent(b::setReplyMarkup);
                                                    return conversations.edit(
                                                            bot.id(),
                                                            t.peer(),
                                                            id,
                                                            m.getText(),
                                                            Markups.of(b.build()));
                                                }))
                .thenCompose(sent -> rendered(bot, sent));
    }

    /** A media message's caption (an absent or empty one removes it); its file stays. */
    private CompletableFuture<JsonNode> editMessageCaption(BotService.Session bot, BotParams p) {
        long id = p.requireLong("message_id");
        FormattedText caption = MediaMethods.caption(p);
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t ->
                                conversations
                                        .byIds(bot.id(), t.peer(), List.of(id))
                                        .thenCompose(
                                                list -> {
                                                    if (list.getMessagesCount() == 0) {
                                                        throw BotError.badRequest(
                                                                "message to edit not found");
                                                    }
                                                    if (!list.getMessages(0).hasMedia()) {
                                                        throw BotError.badRequest(
                                                                "there is no caption in the"
                                                                        + " message to edit");
                                                    }
                                                    return conversations.edit(
                                                            bot.id(),
                                                            t.peer(),
                                                            id,
                                                            caption.text(),
                                                            editMarkup(caption, p, bot.id()));
                                                }))
                .thenCompose(sent -> rendered(bot, sent));
    }

    private CompletableFuture<JsonNode> deleteMessage(BotService.Session bot, BotParams p) {
        long id = p.requireLong("message_id");
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(t -> conversations.delete(bot.id(), t.peer(), List.of(id), true))
                .exceptionallyCompose(e -> notFoundAs(e, "message to delete not found"))
                .thenApply(a -> BooleanNode.TRUE);
    }

    private CompletableFuture<JsonNode> deleteMessages(BotService.Session bot, BotParams p) {
        JsonNode raw =
                p.json("message_ids")
                        .orElseThrow(() -> BotError.badRequest("message_ids is empty"));
        if (!raw.isArray() || raw.isEmpty() || raw.size() > 100) {
            throw BotError.badRequest("message_ids must be an Array of 1-100 Integers");
        }
        List<Long> ids = new ArrayList<>();
        raw.forEach(n -> ids.add(n.asLong()));
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(t -> conversations.delete(bot.id(), t.peer(), ids, true))
                .exceptionallyCompose(e -> notFoundAs(e, "message to delete not found"))
                .thenApply(a -> BooleanNode.TRUE);
    }

    /**
     * forwardMessage keeps the attribution; copyMessage sends the text as the bot's own message and
     * answers only its MessageId, as Telegram does.
     */
    private CompletableFuture<JsonNode> forward(BotService.Session bot, BotParams p, boolean copy) {
        long id = p.requireLong("message_id");
        return chats.target(bot.id(), p, "from_chat_id")
                .thenCompose(
                        from ->
                                chats.target(bot.id(), p, "chat_id")
                                        .thenCompose(
                                                to -> {
                                                    limits.acquire(bot.id(), to);
                                                    return copy
                                                            ? copy(bot, from, to, id, p)
                                                            : conversations.forward(
                                                                    bot.id(),
                                                                    ForwardMessage.newBuilder()
                                                                            .setFromPeer(
                                                                                    from.peer())
                                                                            .setId(id)
                                                                            .setToPeer(to.peer())
                                                                            .setRandomId(
                                                                                    Randoms
                                                                                            .positiveId())
                                                                            .build());
                                                }))
                .exceptionallyCompose(
                        e ->
                                notFoundAs(
                                        e,
                                        copy
                                                ? "message to copy not found"
                                                : "message to forward not found"))
                .thenCompose(
                        sent ->
                                copy
                                        ? CompletableFuture.completedFuture(
                                                BotJson.object()
                                                        .put(
                                                                "message_id",
                                                                sent.getMessage().getId()))
                                        : rendered(bot, sent));
    }

    private CompletableFuture<SentMessage> copy(
            BotService.Session bot,
            BotChats.Target from,
            BotChats.Target to,
            long id,
            BotParams p) {
        return conversations
                .byIds(bot.id(), from.peer(), List.of(id))
                .thenCompose(
                        list -> {
                            if (list.getMessagesCount() == 0
                                    || list.getMessages(0).hasAction()
                                    || (list.getMessages(0).getText().isEmpty()
                                            && !list.getMessages(0).hasMedia())) {
                                throw BotError.badRequest("message to copy not found");
                            }
                            Message src = list.getMessages(0);
                            SendMessage.Builder b =
                                    SendMessage.newBuilder()
                                            .setPeer(to.peer())
                                            .setReplyToId(replyTo(p))
                                            .setRandomId(Randoms.positiveId());
                            if (p.has("caption")) { // a new caption brings its own formatting
                                FormattedText caption =
                                        FormattedText.of(
                                                p, "caption", "parse_mode", "caption_entities");
                                b.setText(caption.text())
                                        .addAllEntities(Keyboards.entities(caption.entities()));
                            } else {
                                b.setText(src.getText()).addAllEntities(src.getEntitiesList());
                            }
                            p.json("reply_markup")
                                    .map(j -> Keyboards.markup(j, bot.id()))
                                    .ifPresent(b::setReplyMarkup);
                            if (src.hasMedia()) { // the same file, not a copy of its bytes
                                b.setMedia(MediaMethods.again(src.getMedia()));
                            }
                            return conversations.send(bot.id(), b.build());
                        });
    }

    /** Telegram's chat actions, each shown as the app protocol's activity of the same name. */
    private static final Map<String, TypingAction> ACTIONS =
            Map.ofEntries(
                    Map.entry("typing", TypingAction.TYPING),
                    Map.entry("upload_photo", TypingAction.UPLOADING_PHOTO),
                    Map.entry("record_video", TypingAction.RECORDING_VIDEO),
                    Map.entry("upload_video", TypingAction.UPLOADING_VIDEO),
                    Map.entry("record_voice", TypingAction.RECORDING_VOICE),
                    Map.entry("upload_voice", TypingAction.UPLOADING_VOICE),
                    Map.entry("upload_document", TypingAction.UPLOADING_DOCUMENT),
                    Map.entry("choose_sticker", TypingAction.CHOOSING_STICKER),
                    Map.entry("find_location", TypingAction.CHOOSING_LOCATION),
                    Map.entry("record_video_note", TypingAction.RECORDING_VIDEO_NOTE),
                    Map.entry("upload_video_note", TypingAction.UPLOADING_VIDEO_NOTE));

    private CompletableFuture<JsonNode> sendChatAction(BotService.Session bot, BotParams p) {
        TypingAction action = ACTIONS.get(p.requireString("action"));
        if (action == null) {
            throw BotError.badRequest("wrong parameter action in request");
        }
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(t -> presence.typing(bot.id(), t.peer(), action))
                .thenApply(x -> BooleanNode.TRUE);
    }

    /**
     * The shared rules' MESSAGE_NOT_FOUND in the words Telegram uses for the method; else as is.
     */
    private static <T> CompletableFuture<T> notFoundAs(Throwable t, String what) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return CompletableFuture.failedFuture(
                e instanceof ApiException a && a.code() == ErrorCode.MESSAGE_NOT_FOUND
                        ? BotError.badRequest(what)
                        : e);
    }

    /** The sent or edited message as a Telegram Message, read back as the bot sees it. */
    private CompletableFuture<JsonNode> rendered(BotService.Session bot, SentMessage sent) {
        return store.read(
                tx ->
                        TelegramObjects.message(tx, sent.getMessage(), files.forBot(bot.id()))
                                .orElseThrow(() -> BotError.badRequest("chat not found")));
    }
}
