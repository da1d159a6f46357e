package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.HttpMethod;

import org.chapar.protocol.MediaKind;
import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.media.FileRecord;
import org.chapar.server.media.FileTransfers;
import org.chapar.server.store.Store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * getFile and the download of {@code /file/bot<token>/<file_path>}, with Telegram's limits: a bot
 * uploads files of up to 50 MB and downloads files of up to 20 MB. Both are allowed only while the
 * bot can see a message that uses the file; every refusal of a download is the same 404.
 */
final class BotFiles {
    static final long MAX_UPLOAD = 50L << 20;
    static final long MAX_DOWNLOAD = 20L << 20;
    static final String PREFIX = "/file/bot";
    private static final Pattern PATH =
            Pattern.compile("/file/bot([^/]+)/[a-z_]+/([A-Za-z0-9_-]+)(?:\\.[A-Za-z0-9]{1,8})?");
    private static final Pattern EXTENSION = Pattern.compile(".*\\.([A-Za-z0-9]{1,8})");

    private final Store store;
    private final BotService bots;
    private final BotFileIds ids;
    private final FileTransfers transfers;

    BotFiles(Store store, BotService bots, BotFileIds ids, FileTransfers transfers) {
        this.store = store;
        this.bots = bots;
        this.ids = ids;
        this.transfers = transfers;
    }

    void register(BotApi api, HttpRoutes routes) {
        api.method("getFile", this::getFile);
        routes.smallUnder(PREFIX, List.of(HttpMethod.GET, HttpMethod.HEAD), 0, this::download);
    }

    /** A file the bot may fetch: what its file_id names, and the bytes' size, type and name. */
    private record Seen(BotFileIds.Named named, long size, String mime, String name) {}

    private CompletableFuture<Optional<Seen>> seen(long bot, String fileId) {
        Optional<BotFileIds.Named> named = ids.parse(bot, fileId);
        if (named.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        BotFileIds.Named n = named.get();
        return store.read(
                tx ->
                        tx.files()
                                .get(n.fileId())
                                .filter(f -> tx.files().visibleTo(f.id(), bot))
                                .flatMap(
                                        f -> {
                                            if (n.thumb().isEmpty()) {
                                                return Optional.of(seen(n, f, f.size()));
                                            }
                                            return tx.files().thumbs(f.id()).stream()
                                                    .filter(t -> t.type().equals(n.thumb()))
                                                    .findFirst()
                                                    .map(t -> seen(n, f, t.size()));
                                        }));
    }

    private static Seen seen(BotFileIds.Named n, FileRecord f, long size) {
        return new Seen(n, size, f.mime(), n.thumb().isEmpty() ? f.name() : "");
    }

    private CompletableFuture<JsonNode> getFile(BotService.Session bot, BotParams p) {
        String fileId = p.requireString("file_id");
        return seen(bot.id(), fileId)
                .thenApply(
                        found -> {
                            Seen s =
                                    found.orElseThrow(() -> BotError.badRequest("invalid file_id"));
                            if (s.size() > MAX_DOWNLOAD) {
                                throw BotError.badRequest("file is too big");
                            }
                            return BotJson.object()
                                    .put("file_id", fileId)
                                    .put(
                                            "file_unique_id",
                                            ids.uniqueId(s.named().fileId(), s.named().thumb()))
                                    .put("file_size", s.size())
                                    .put("file_path", path(fileId, s));
                        });
    }

    /** Where Telegram's server would keep it, e.g. {@code photos/<file_id>.jpg}. */
    private static String path(String fileId, Seen s) {
        String dir =
                s.named().kind() == BotFileIds.THUMBNAIL || !s.named().thumb().isEmpty()
                        ? "thumbnails"
                        : switch (MediaKind.forNumber(s.named().kind())) {
                            case PHOTO -> "photos";
                            case VIDEO -> "videos";
                            case VOICE -> "voice";
                            case AUDIO -> "music";
                            case STICKER -> "stickers";
                            case null, default -> "documents";
                        };
        return dir + "/" + fileId + extension(s);
    }

    private static String extension(Seen s) {
        Matcher m = EXTENSION.matcher(s.name());
        if (m.matches()) {
            return "." + m.group(1).toLowerCase(Locale.ROOT);
        }
        return switch (s.mime()) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "video/mp4" -> ".mp4";
            case "audio/ogg" -> ".oga";
            case "audio/mpeg" -> ".mp3";
            default -> "";
        };
    }

    private CompletableFuture<HttpReply> download(HttpRoutes.Call call) {
        Matcher m = PATH.matcher(call.path());
        if (!m.matches()) {
            return CompletableFuture.completedFuture(BotApi.error(BotError.notFound()));
        }
        String fileId = m.group(2);
        return bots.authenticate(m.group(1))
                .thenCompose(
                        session -> {
                            if (session.isEmpty()) {
                                throw BotError.unauthorized();
                            }
                            return seen(session.get().id(), fileId);
                        })
                .thenCompose(
                        found -> {
                            if (found.isEmpty() || found.get().size() > MAX_DOWNLOAD) {
                                throw BotError.notFound();
                            }
                            BotFileIds.Named n = found.get().named();
                            return transfers.download(
                                    call.headers(),
                                    n.fileId(),
                                    n.thumb().isEmpty() ? null : n.thumb());
                        })
                .thenApply(r -> r.orElseGet(() -> BotApi.error(BotError.notFound())))
                .exceptionally(e -> BotApi.error(BotErrors.from(e)));
    }
}
