package org.chapar.server.media;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files by byte range (protocol/README.md "Downloads"): {@code /media/files/{id}} and {@code
 * /media/files/{id}/thumbs/{type}}, for a session that can see a message using the file or a signed
 * URL. Every refusal, and a file that does not exist, is the same 404.
 */
final class DownloadRoutes {
    private static final Logger log = LoggerFactory.getLogger(DownloadRoutes.class);
    static final String PREFIX = "/media/files/";
    private static final Pattern PATH =
            Pattern.compile("/media/files/([A-Za-z0-9_-]{22})(?:/thumbs/([a-z]))?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Store store;
    private final BlobStore blobs;
    private final Bearer bearer;
    private final FileUrls urls;
    private final Clock clock;

    DownloadRoutes(Store store, BlobStore blobs, Bearer bearer, FileUrls urls, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.bearer = bearer;
        this.urls = urls;
        this.clock = clock;
    }

    void register(HttpRoutes routes) {
        routes.smallUnder(HttpMethod.GET, PREFIX, 0, this::serve);
        routes.smallUnder(HttpMethod.HEAD, PREFIX, 0, this::serve);
    }

    /** What a path names: a file, or one of its thumbnails. */
    private record Target(String fileId, String thumb) {}

    /** What is sent: bytes of a blob with their type, name and tag. */
    private record Body(String key, long size, String mime, String name, String etag) {}

    private CompletableFuture<HttpReply> serve(HttpRoutes.Call call) {
        Matcher m = PATH.matcher(call.path());
        if (!m.matches()) {
            return CompletableFuture.completedFuture(notFound());
        }
        Target t = new Target(m.group(1), m.group(2));
        QueryStringDecoder q = new QueryStringDecoder(call.uri());
        CompletableFuture<Boolean> allowed;
        if (q.parameters().containsKey("sig")) {
            allowed = CompletableFuture.completedFuture(signed(call.path(), q));
        } else {
            allowed =
                    bearer.user(call.headers())
                            .thenCompose(
                                    user -> store.read(tx -> tx.files().visibleTo(t.fileId, user)));
        }
        return allowed.thenCompose(
                        ok -> ok ? body(t) : CompletableFuture.completedFuture(Optional.empty()))
                .thenApply(
                        b -> b.map(body -> answer(call.headers(), body)).orElseGet(this::notFound))
                .exceptionally(
                        e -> {
                            Throwable c = MediaService.unwrap(e);
                            if (c instanceof HttpError h) {
                                return h.reply();
                            }
                            log.warn("a download failed", c);
                            return HttpReply.error(
                                    HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                    "INTERNAL",
                                    "the server failed");
                        });
    }

    /**
     * The file (or its thumbnail {@code thumb}, if not null) for a caller another feature has
     * already allowed; empty if there is no such file.
     */
    CompletableFuture<Optional<HttpReply>> serve(HttpHeaders request, String fileId, String thumb) {
        return body(new Target(fileId, thumb)).thenApply(b -> b.map(x -> answer(request, x)));
    }

    private boolean signed(String path, QueryStringDecoder q) {
        List<String> exp = q.parameters().getOrDefault("exp", List.of());
        List<String> sig = q.parameters().get("sig");
        if (exp.size() != 1 || sig.size() != 1 || !exp.get(0).matches("\\d{1,12}")) {
            return false;
        }
        return urls.valid(path, Long.parseLong(exp.get(0)), sig.get(0), clock.millis() / 1000);
    }

    private CompletableFuture<Optional<Body>> body(Target t) {
        return store.read(
                tx ->
                        tx.files()
                                .get(t.fileId)
                                .flatMap(
                                        f -> {
                                            if (t.thumb == null) {
                                                return Optional.of(
                                                        new Body(
                                                                f.blobKey(),
                                                                f.size(),
                                                                f.mime(),
                                                                f.name(),
                                                                f.id()));
                                            }
                                            return tx.files().thumbs(f.id()).stream()
                                                    .filter(th -> th.type().equals(t.thumb))
                                                    .findFirst()
                                                    .map(
                                                            th ->
                                                                    new Body(
                                                                            th.blobKey(),
                                                                            th.size(),
                                                                            f.mime(),
                                                                            "",
                                                                            f.id() + "-"
                                                                                    + th.type()));
                                        }));
    }

    private HttpReply answer(HttpHeaders request, Body b) {
        Optional<Path> file = blobs.localFile(b.key());
        if (file.isEmpty()) {
            return notFound(); // purged meanwhile
        }
        HttpHeaders h = new DefaultHttpHeaders();
        String etag = "\"" + b.etag() + "\"";
        h.set(HttpHeaderNames.CONTENT_TYPE, b.mime());
        h.set(HttpHeaderNames.ETAG, etag);
        h.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        h.set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=3600");
        h.set(HttpHeaderNames.CONTENT_DISPOSITION, disposition(b));
        if (etag.equals(request.get(HttpHeaderNames.IF_NONE_MATCH))) {
            return HttpReply.file(HttpResponseStatus.NOT_MODIFIED, h, null, 0, 0);
        }
        String range = request.get(HttpHeaderNames.RANGE);
        Matcher r = range == null ? null : RANGE.matcher(range.trim());
        if (r == null || !r.matches() || (r.group(1).isEmpty() && r.group(2).isEmpty())) {
            return HttpReply.file(HttpResponseStatus.OK, h, file.get(), 0, b.size());
        }
        long size = b.size();
        long from;
        long to;
        try {
            if (r.group(1).isEmpty()) {
                long suffix = Long.parseLong(r.group(2));
                from = Math.max(0, size - suffix);
                to = size - 1;
            } else {
                from = Long.parseLong(r.group(1));
                to =
                        r.group(2).isEmpty()
                                ? size - 1
                                : Math.min(size - 1, Long.parseLong(r.group(2)));
            }
        } catch (NumberFormatException e) {
            return HttpReply.file(HttpResponseStatus.OK, h, file.get(), 0, size);
        }
        if (from >= size
                || from > to
                || (r.group(1).isEmpty() && Long.parseLong(r.group(2)) == 0)) {
            return HttpReply.error(
                            HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                            "RANGE_NOT_SATISFIABLE",
                            "the range is past the end")
                    .withHeader(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
        }
        h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
        return HttpReply.file(
                HttpResponseStatus.PARTIAL_CONTENT, h, file.get(), from, to - from + 1);
    }

    /** RFC 6266: inline for images, else attachment; an ASCII name and the UTF-8 one. */
    static String disposition(Body b) {
        String type = b.mime().startsWith("image/") ? "inline" : "attachment";
        if (b.name().isEmpty()) {
            return type;
        }
        StringBuilder ascii = new StringBuilder();
        b.name()
                .codePoints()
                .forEach(
                        c ->
                                ascii.append(
                                        c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                                                ? (char) c
                                                : '_'));
        String encoded = URLEncoder.encode(b.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private HttpReply notFound() {
        return HttpReply.error(
                HttpResponseStatus.NOT_FOUND,
                "FILE_NOT_FOUND",
                "no file by that id that you may see");
    }
}
