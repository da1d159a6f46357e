package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.FileRef;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Thumbnail;

import java.util.Comparator;

/**
 * A media message's Telegram fields: {@code photo} (its thumbnails, smallest first, then the photo
 * itself), {@code video}, {@code voice}, {@code audio}, {@code document} or {@code sticker}, each
 * with the bot's own file_id; the text becomes the {@code caption}, its entities {@code
 * caption_entities}; an album item carries {@code media_group_id}.
 */
final class TelegramMedia {
    private TelegramMedia() {}

    static void render(Message m, ObjectNode o, BotFileIds.Issuer files) {
        if (!m.hasMedia()) {
            return;
        }
        move(o, "text", "caption");
        move(o, "entities", "caption_entities");
        if (m.getGroupedId() != 0) {
            o.put("media_group_id", Long.toString(m.getGroupedId()));
        }
        Media md = m.getMedia();
        FileRef f = md.getFile();
        switch (md.getKind()) {
            case PHOTO -> {
                ArrayNode sizes = o.putArray("photo");
                md.getThumbnailsList().stream()
                        .sorted(Comparator.comparingInt(Thumbnail::getWidth))
                        .forEach(
                                t ->
                                        sizes.add(
                                                file(files, MediaKind.PHOTO, f.getId(), t.getType())
                                                        .put("width", t.getWidth())
                                                        .put("height", t.getHeight())
                                                        .put("file_size", t.getSize())));
                sizes.add(
                        file(files, MediaKind.PHOTO, f.getId(), "")
                                .put("width", md.getWidth())
                                .put("height", md.getHeight())
                                .put("file_size", f.getSize()));
            }
            case VIDEO -> {
                ObjectNode v =
                        file(files, MediaKind.VIDEO, f.getId(), "")
                                .put("width", md.getWidth())
                                .put("height", md.getHeight())
                                .put("duration", md.getDuration());
                thumbnail(v, md, files);
                o.set("video", described(v, f));
            }
            case VOICE ->
                    o.set(
                            "voice",
                            file(files, MediaKind.VOICE, f.getId(), "")
                                    .put("duration", md.getDuration())
                                    .put("mime_type", f.getMimeType())
                                    .put("file_size", f.getSize()));
            case AUDIO -> {
                ObjectNode a =
                        file(files, MediaKind.AUDIO, f.getId(), "")
                                .put("duration", md.getDuration());
                if (!md.getPerformer().isEmpty()) {
                    a.put("performer", md.getPerformer());
                }
                if (!md.getTitle().isEmpty()) {
                    a.put("title", md.getTitle());
                }
                o.set("audio", described(a, f));
            }
            case STICKER ->
                    o.set(
                            "sticker",
                            file(files, MediaKind.STICKER, f.getId(), "")
                                    .put("type", "regular")
                                    .put("width", md.getWidth())
                                    .put("height", md.getHeight())
                                    .put("is_animated", false)
                                    .put("is_video", false)
                                    .put("file_size", f.getSize()));
            default ->
                    o.set("document", described(file(files, MediaKind.DOCUMENT, f.getId(), ""), f));
        }
    }

    /** A video's poster as Telegram's thumbnail: its 320 px size when it has one. */
    private static void thumbnail(ObjectNode v, Media md, BotFileIds.Issuer files) {
        if (!md.hasPoster() || md.getThumbnailsCount() == 0) {
            return;
        }
        Thumbnail t =
                md.getThumbnailsList().stream()
                        .filter(x -> x.getType().equals("m"))
                        .findFirst()
                        .orElse(md.getThumbnails(0));
        ObjectNode th =
                BotJson.object()
                        .put(
                                "file_id",
                                files.fileId(
                                        BotFileIds.THUMBNAIL, md.getPoster().getId(), t.getType()))
                        .put("file_unique_id", files.uniqueId(md.getPoster().getId(), t.getType()))
                        .put("width", t.getWidth())
                        .put("height", t.getHeight())
                        .put("file_size", t.getSize());
        v.set("thumbnail", th);
    }

    private static ObjectNode file(
            BotFileIds.Issuer files, MediaKind kind, String fileId, String thumb) {
        return BotJson.object()
                .put("file_id", files.fileId(kind.getNumber(), fileId, thumb))
                .put("file_unique_id", files.uniqueId(fileId, thumb));
    }

    private static ObjectNode described(ObjectNode o, FileRef f) {
        if (!f.getName().isEmpty()) {
            o.put("file_name", f.getName());
        }
        return o.put("mime_type", f.getMimeType()).put("file_size", f.getSize());
    }

    private static void move(ObjectNode o, String from, String to) {
        JsonNode v = o.remove(from);
        if (v != null) {
            o.set(to, v);
        }
    }
}
