package org.chapar.cli;

import org.chapar.protocol.MediaKind;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The kind and MIME type of a file to send, from its extension (photos are typed by their bytes on
 * the server anyway), and the names the CLI shows and accepts for kinds.
 */
final class MediaKinds {
    private MediaKinds() {}

    private record Type(MediaKind kind, String mime) {}

    private static final Map<String, Type> BY_EXTENSION =
            Map.ofEntries(
                    Map.entry("jpg", new Type(MediaKind.PHOTO, "image/jpeg")),
                    Map.entry("jpeg", new Type(MediaKind.PHOTO, "image/jpeg")),
                    Map.entry("png", new Type(MediaKind.PHOTO, "image/png")),
                    Map.entry("webp", new Type(MediaKind.PHOTO, "image/webp")),
                    Map.entry("mp4", new Type(MediaKind.VIDEO, "video/mp4")),
                    Map.entry("m4v", new Type(MediaKind.VIDEO, "video/mp4")),
                    Map.entry("mov", new Type(MediaKind.VIDEO, "video/quicktime")),
                    Map.entry("webm", new Type(MediaKind.VIDEO, "video/webm")),
                    Map.entry("mkv", new Type(MediaKind.VIDEO, "video/x-matroska")),
                    Map.entry("ogg", new Type(MediaKind.VOICE, "audio/ogg")),
                    Map.entry("oga", new Type(MediaKind.VOICE, "audio/ogg")),
                    Map.entry("opus", new Type(MediaKind.VOICE, "audio/ogg")),
                    Map.entry("mp3", new Type(MediaKind.AUDIO, "audio/mpeg")),
                    Map.entry("m4a", new Type(MediaKind.AUDIO, "audio/mp4")),
                    Map.entry("aac", new Type(MediaKind.AUDIO, "audio/aac")),
                    Map.entry("flac", new Type(MediaKind.AUDIO, "audio/flac")),
                    Map.entry("wav", new Type(MediaKind.AUDIO, "audio/wav")),
                    Map.entry("pdf", new Type(MediaKind.DOCUMENT, "application/pdf")),
                    Map.entry("txt", new Type(MediaKind.DOCUMENT, "text/plain")),
                    Map.entry("zip", new Type(MediaKind.DOCUMENT, "application/zip")));

    /** The kind a file is sent as when --as is not given: by extension, else a document. */
    static MediaKind infer(Path file) {
        Type t = BY_EXTENSION.get(extension(file));
        return t == null ? MediaKind.DOCUMENT : t.kind();
    }

    /** The MIME type claimed in the upload's metadata; "" leaves it to the server. */
    static String mime(Path file) {
        Type t = BY_EXTENSION.get(extension(file));
        return t == null ? "" : t.mime();
    }

    /** --as photo|video|voice|audio|document (sticker too). */
    static MediaKind parse(String name) {
        try {
            MediaKind k = MediaKind.valueOf(name.toUpperCase(Locale.ROOT));
            if (k != MediaKind.MEDIA_KIND_UNSPECIFIED && k != MediaKind.UNRECOGNIZED) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the usage error
        }
        throw Failures.usage(
                "--as takes photo, video, voice, audio, document or sticker, not '" + name + "'");
    }

    static String name(MediaKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** A file name for a download whose file has none (photos): kind, message id, extension. */
    static String defaultName(MediaKind kind, long messageId, String mime) {
        String ext =
                switch (mime) {
                    case "image/jpeg" -> ".jpg";
                    case "image/png" -> ".png";
                    case "image/webp" -> ".webp";
                    case "video/mp4" -> ".mp4";
                    case "audio/ogg" -> ".ogg";
                    case "audio/mpeg" -> ".mp3";
                    default -> "";
                };
        return name(kind) + "-" + messageId + ext;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
