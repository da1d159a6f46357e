package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.InputMedia;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.server.core.Randoms;
import org.chapar.server.media.FileTransfers;
import org.chapar.server.message.Conversations;
import org.chapar.server.store.Store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * sendPhoto, sendDocument, sendVideo, sendAudio, sendVoice and sendMediaGroup: the file comes as a
 * multipart part (by the field's name, or {@code attach://<part>}) and becomes a finished upload of
 * the bot, or as a file_id, which sends the same file again without copying it. Then it is one
 * {@link Conversations#send}, the send a user's client makes, photo cleaning included.
 */
final class MediaMethods {
    private final Store store;
    private final Conversations conversations;
    private final BotChats chats;
    private final BotSendLimits limits;
    private final BotFileIds ids;
    private final FileTransfers transfers;

    MediaMethods(
            Store store,
            Conversations conversations,
            BotChats chats,
            BotSendLimits limits,
            BotFileIds ids,
            FileTransfers transfers) {
        this.store = store;
        this.conversations = conversations;
        this.chats = chats;
        this.limits = limits;
        this.ids = ids;
        this.transfers = transfers;
    }

    void register(BotApi api) {
        api.method("sendPhoto", (bot, p) -> sendOne(bot, p, MediaKind.PHOTO));
        api.method("sendDocument", (bot, p) -> sendOne(bot, p, MediaKind.DOCUMENT));
        api.method("sendVideo", (bot, p) -> sendOne(bot, p, MediaKind.VIDEO));
        api.method("sendAudio", (bot, p) -> sendOne(bot, p, MediaKind.AUDIO));
        api.method("sendVoice", (bot, p) -> sendOne(bot, p, MediaKind.VOICE));
        api.method("sendMediaGroup", this::sendMediaGroup);
    }

    /** Where a media item's file comes from. */
    private sealed interface Source {
        /** Bytes sent in this request. */
        record Part(BotUpload upload) implements Source {}

        /** A file the bot was given before, sent again. */
        record Again(String fileId) implements Source {}
    }

    /** One item to send: its file, its kind's fields (from {@code q}) and its caption. */
    private record Item(MediaKind kind, Source source, Optional<BotUpload> poster, BotParams q) {}

    private CompletableFuture<JsonNode> sendOne(
            BotService.Session bot, BotParams p, MediaKind kind) {
        String field = field(kind);
        Item item = item(bot.id(), p, p, kind, field, p.file(field));
        long replyTo = MessageMethods.replyTo(p);
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t -> {
                            limits.acquire(bot.id(), t);
                            return send(bot, t, item, replyTo, 0);
                        })
                .thenCompose(sent -> rendered(bot, List.of(sent)))
                .thenApply(list -> list.get(0));
    }

    /** 2-10 items sent as one album, answered with their Messages in order. */
    private CompletableFuture<JsonNode> sendMediaGroup(BotService.Session bot, BotParams p) {
        JsonNode raw = p.json("media").orElseThrow(() -> BotError.badRequest("media is empty"));
        if (!raw.isArray() || raw.size() < 2 || raw.size() > 10) {
            throw BotError.badRequest("media must be an Array of 2-10 InputMedia");
        }
        List<Item> items = new ArrayList<>();
        Set<String> parts = new HashSet<>();
        for (JsonNode n : raw) {
            if (!n.isObject()) {
                throw BotError.badRequest("can't parse InputMedia: an Object is expected");
            }
            BotParams q = BotParams.of((ObjectNode) n.deepCopy());
            MediaKind kind =
                    switch (q.string("type").orElse("").toLowerCase(Locale.ROOT)) {
                        case "photo" -> MediaKind.PHOTO;
                        case "video" -> MediaKind.VIDEO;
                        case "audio" -> MediaKind.AUDIO;
                        case "document" -> MediaKind.DOCUMENT;
                        default -> throw BotError.badRequest("unsupported InputMedia type");
                    };
            Item item = item(bot.id(), p, q, kind, "media", Optional.empty());
            if (item.source() instanceof Source.Part part
                    && !parts.add(part.upload().path().toString())) {
                throw BotError.badRequest("wrong file identifier/HTTP URL specified");
            }
            items.add(item);
        }
        checkMix(items);
        long replyTo = MessageMethods.replyTo(p);
        long album = Randoms.positiveId();
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t -> {
                            limits.acquire(bot.id(), t);
                            CompletableFuture<List<SentMessage>> sent =
                                    CompletableFuture.completedFuture(new ArrayList<>());
                            for (Item item : items) { // one by one: the album keeps their order
                                sent =
                                        sent.thenCompose(
                                                done ->
                                                        send(bot, t, item, replyTo, album)
                                                                .thenApply(
                                                                        s -> {
                                                                            done.add(s);
                                                                            return done;
                                                                        }));
                            }
                            return sent;
                        })
                .thenCompose(sent -> rendered(bot, sent))
                .thenApply(
                        list -> {
                            ArrayNode out = JsonNodeFactory.instance.arrayNode();
                            list.forEach(out::add);
                            return out;
                        });
    }

    /** The item's file made ready, then the send a user's client makes. */
    private CompletableFuture<SentMessage> send(
            BotService.Session bot, BotChats.Target t, Item item, long replyTo, long album) {
        return input(bot.id(), item)
                .thenCompose(
                        in ->
                                conversations.send(
                                        bot.id(),
                                        message(bot, item, in, replyTo, album)
                                                .setPeer(t.peer())
                                                .build()));
    }

    /** Telegram's album rule: photos and videos together, or documents only, or audio only. */
    private static void checkMix(List<Item> items) {
        for (MediaKind alone : List.of(MediaKind.DOCUMENT, MediaKind.AUDIO)) {
            boolean some = items.stream().anyMatch(i -> i.kind() == alone);
            boolean others = items.stream().anyMatch(i -> i.kind() != alone);
            if (some && others) {
                throw BotError.badRequest(field(alone) + " can't be mixed with other media types");
            }
        }
    }

    private static String field(MediaKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The item's file: a part sent under the field's name, {@code attach://<part>}, or a file_id
     * issued to this bot for a file of the same kind (any size of a photo sends the photo).
     */
    private Item item(
            long bot,
            BotParams request,
            BotParams q,
            MediaKind kind,
            String field,
            Optional<BotUpload> direct) {
        Source source;
        if (direct.isPresent()) {
            source = new Source.Part(direct.get());
        } else {
            String value = q.string(field).orElse("").trim();
            if (value.isEmpty()) {
                throw BotError.badRequest("there is no " + field(kind) + " in the request");
            }
            if (value.startsWith("attach://")) {
                source =
                        new Source.Part(
                                request.file(value.substring("attach://".length()))
                                        .orElseThrow(
                                                () ->
                                                        BotError.badRequest(
                                                                "there is no "
                                                                        + field(kind)
                                                                        + " in the request")));
            } else {
                BotFileIds.Named named =
                        ids.parse(bot, value)
                                .orElseThrow(
                                        () ->
                                                BotError.badRequest(
                                                        "wrong file identifier/HTTP URL"
                                                                + " specified"));
                if (!named.is(kind)) {
                    throw BotError.badRequest(
                            "can't use file of type "
                                    + typeName(named.kind())
                                    + " as "
                                    + typeName(kind.getNumber()));
                }
                source = new Source.Again(named.fileId());
            }
        }
        for (String number : List.of("duration", "width", "height")) {
            if (q.longValue(number, 0) < 0 || q.longValue(number, 0) > Integer.MAX_VALUE) {
                throw BotError.badRequest("wrong " + number + " specified");
            }
        }
        Optional<BotUpload> poster = Optional.empty();
        if (kind == MediaKind.VIDEO) {
            String thumb = q.string("thumbnail").orElse("");
            poster =
                    thumb.startsWith("attach://")
                            ? request.file(thumb.substring("attach://".length()))
                            : (q == request ? request.file("thumbnail") : Optional.empty());
        }
        return new Item(kind, source, poster, q);
    }

    private static String typeName(int kind) {
        if (kind == BotFileIds.THUMBNAIL) {
            return "Thumbnail";
        }
        String n = field(MediaKind.forNumber(kind));
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** The item's InputMedia; a part becomes a finished upload of the bot first. */
    private CompletableFuture<InputMedia> input(long bot, Item item) {
        BotParams q = item.q();
        InputMedia.Builder in =
                InputMedia.newBuilder()
                        .setKind(item.kind())
                        .setDuration((int) q.longValue("duration", 0))
                        .setWidth((int) q.longValue("width", 0))
                        .setHeight((int) q.longValue("height", 0))
                        .setTitle(q.string("title").orElse(""))
                        .setPerformer(q.string("performer").orElse(""));
        CompletableFuture<InputMedia.Builder> withPoster =
                item.poster().isEmpty()
                        ? CompletableFuture.completedFuture(in)
                        : upload(bot, item.poster().get()).thenApply(in::setPosterUploadId);
        return switch (item.source()) {
            case Source.Again again ->
                    withPoster.thenApply(b -> b.setFileId(again.fileId()).build());
            case Source.Part part ->
                    withPoster.thenCompose(
                            b ->
                                    upload(bot, part.upload())
                                            .thenApply(id -> b.setUploadId(id).build()));
        };
    }

    private CompletableFuture<String> upload(long bot, BotUpload u) {
        if (u.size() == 0) {
            throw BotError.badRequest("file must be non-empty");
        }
        if (u.size() > Math.min(BotFiles.MAX_UPLOAD, transfers.maxUploadBytes())) {
            throw new BotError(413, "Request Entity Too Large", 0);
        }
        return transfers.upload(bot, u.path(), u.fileName(), u.contentType());
    }

    /** A message's media as an InputMedia that sends its file again. */
    static InputMedia again(Media m) {
        return InputMedia.newBuilder()
                .setKind(m.getKind())
                .setFileId(m.getFile().getId())
                .setDuration(m.getDuration())
                .setWidth(m.getWidth())
                .setHeight(m.getHeight())
                .setWaveform(m.getWaveform())
                .setTitle(m.getTitle())
                .setPerformer(m.getPerformer())
                .build();
    }

    /** The caption parameter with its formatting; empty text when absent or blank. */
    static FormattedText caption(BotParams q) {
        return q.string("caption").orElse("").isBlank()
                ? new FormattedText("", JsonNodeFactory.instance.arrayNode())
                : FormattedText.of(q, "caption", "parse_mode", "caption_entities");
    }

    private static SendMessage.Builder message(
            BotService.Session bot, Item item, InputMedia in, long replyTo, long album) {
        BotParams q = item.q();
        FormattedText text = caption(q);
        return MessageMethods.withMarkup(SendMessage.newBuilder(), text, q, bot.id())
                .setText(text.text())
                .setMedia(in)
                .setReplyToId(replyTo)
                .setGroupedId(album)
                .setRandomId(Randoms.positiveId());
    }

    private CompletableFuture<List<ObjectNode>> rendered(
            BotService.Session bot, List<SentMessage> sent) {
        BotFileIds.Issuer files = ids.forBot(bot.id());
        return store.read(
                tx ->
                        sent.stream()
                                .map(
                                        s ->
                                                TelegramObjects.message(tx, s.getMessage(), files)
                                                        .orElseThrow(
                                                                () ->
                                                                        BotError.badRequest(
                                                                                "chat not found")))
                                .toList());
    }
}
