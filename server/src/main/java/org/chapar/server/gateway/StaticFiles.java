package org.chapar.server.gateway;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Files from one directory, for a {@link HttpRoutes#files} route: the type by extension, a strong
 * {@code ETag} from size and modification time ({@code If-None-Match} answers 304), the route's
 * {@code Cache-Control}, a pre-compressed {@code NAME.br} or {@code NAME.gz} beside the file when
 * {@code Accept-Encoding} allows it, and one byte range ({@code Range}: 206, or 416 past the end).
 * Several ranges get the whole file (a server may ignore {@code Range}). The disk is read off the
 * event loop; the body goes out as a file region (in chunks over TLS and HTTP/2), so a file is
 * never held in memory.
 */
public final class StaticFiles {
    /** A chunk of a file sent over TLS: a TLS record holds 16 KiB, so a few records a read. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private static final Map<String, String> TYPES =
            Map.ofEntries(
                    Map.entry("html", "text/html; charset=utf-8"),
                    Map.entry("css", "text/css; charset=utf-8"),
                    Map.entry("js", "text/javascript; charset=utf-8"),
                    Map.entry("mjs", "text/javascript; charset=utf-8"),
                    Map.entry("json", "application/json"),
                    Map.entry("webmanifest", "application/manifest+json"),
                    Map.entry("map", "application/json"),
                    Map.entry("txt", "text/plain; charset=utf-8"),
                    Map.entry("svg", "image/svg+xml"),
                    Map.entry("png", "image/png"),
                    Map.entry("jpg", "image/jpeg"),
                    Map.entry("jpeg", "image/jpeg"),
                    Map.entry("gif", "image/gif"),
                    Map.entry("webp", "image/webp"),
                    Map.entry("ico", "image/x-icon"),
                    Map.entry("wasm", "application/wasm"),
                    Map.entry("woff2", "font/woff2"));

    /** Pre-compressed variants in order of preference: file suffix and content coding. */
    private static final List<String[]> VARIANTS =
            List.of(new String[] {".br", "br"}, new String[] {".gz", "gzip"});

    /**
     * What to send: status and headers, and {@code length} bytes of {@code file} from {@code from}.
     */
    record Answer(
            HttpResponseStatus status, HttpHeaders headers, Path file, long from, long length) {

        /**
         * Writes the head, then the file region unless {@code headOnly}; ends with the last part.
         */
        ChannelFuture write(ChannelHandlerContext ctx, boolean keepAlive, boolean headOnly) {
            Object body = null;
            if (file != null && length > 0 && !headOnly) {
                try {
                    body = body(ctx);
                } catch (IOException e) { // gone since it was looked up: nothing sent yet
                    return ctx.close();
                }
            }
            DefaultHttpResponse head =
                    new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers);
            if (!status.equals(HttpResponseStatus.NOT_MODIFIED)) {
                HttpUtil.setContentLength(head, length);
            }
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            if (body instanceof HttpChunkedInput chunks) { // ends with the last part itself
                return ctx.writeAndFlush(chunks);
            }
            if (body != null) {
                ctx.write(body);
            }
            return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }

        /**
         * Plain TCP sends the file as a region (sendfile, no copy). TLS must encrypt every byte and
         * an HTTP/2 stream must frame it, and neither takes a region: there the file goes as HTTP
         * chunks (DATA frames on HTTP/2) through a {@link ChunkedWriteHandler} put in front of the
         * router on the connection's (or stream's) first file, which reads the next chunk only when
         * the channel (the stream's flow-control window too) takes more. The WebSocket connections,
         * which serve no file, never carry it.
         */
        private Object body(ChannelHandlerContext ctx) throws IOException {
            if (ctx.pipeline().get(SslHandler.class) == null
                    && !(ctx.channel() instanceof Http2StreamChannel)) {
                return new DefaultFileRegion(file.toFile(), from, length);
            }
            if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
                ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
            }
            return new HttpChunkedInput(
                    new ChunkedNioFile(FileChannel.open(file), from, length, CHUNK_BYTES));
        }

        /** A 416 as the JSON error every route answers, with the {@code Content-Range} it needs. */
        FullHttpResponse rangeError() {
            FullHttpResponse r =
                    HttpReply.error(status, "RANGE_NOT_SATISFIABLE", "the range is past the end")
                            .response();
            r.headers()
                    .set(HttpHeaderNames.CONTENT_RANGE, headers.get(HttpHeaderNames.CONTENT_RANGE));
            return r;
        }
    }

    private final Path root;
    private final String cacheControl;
    private final Map<String, String> extraHeaders;
    private final ExecutorService disk = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param cacheControl the {@code Cache-Control} of every answer, e.g. {@code no-cache} for
     *     files that change under one name, {@code public, max-age=31536000, immutable} for hashed
     *     names
     */
    public StaticFiles(Path root, String cacheControl) {
        this(root, cacheControl, Map.of());
    }

    /**
     * @param extraHeaders set on every answer, e.g. the web client's Content-Security-Policy
     */
    public StaticFiles(Path root, String cacheControl, Map<String, String> extraHeaders) {
        this.root = root.toAbsolutePath().normalize();
        this.cacheControl = cacheControl;
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    /** The answer for {@code rest} (the path under the route's prefix); empty if no such file. */
    CompletableFuture<Optional<Answer>> answer(HttpRequest request, String rest) {
        return CompletableFuture.supplyAsync(() -> read(request, rest), disk);
    }

    private Optional<Answer> read(HttpRequest request, String rest) {
        String name = rest.isEmpty() || rest.endsWith("/") ? rest + "index.html" : rest;
        Path file;
        try {
            file = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!file.startsWith(root) || name.contains("\\") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, type(file));
        headers.set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        headers.set("X-Content-Type-Options", "nosniff");
        extraHeaders.forEach(headers::set);
        String accepted =
                request.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "").toLowerCase(Locale.ROOT);
        Path sent = file;
        String coding = null;
        for (String[] v : VARIANTS) {
            Path variant = file.resolveSibling(file.getFileName() + v[0]);
            if (accepts(accepted, v[1]) && Files.isRegularFile(variant)) {
                sent = variant;
                coding = v[1];
                headers.set(HttpHeaderNames.CONTENT_ENCODING, coding);
                break;
            }
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(sent, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long size = attributes.size();
        String etag =
                "\""
                        + Long.toHexString(size)
                        + "-"
                        + Long.toHexString(attributes.lastModifiedTime().toMillis())
                        + (coding == null ? "" : "-" + coding)
                        + "\"";
        headers.set(HttpHeaderNames.ETAG, etag);
        String ifNoneMatch = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            headers.remove(HttpHeaderNames.CONTENT_TYPE);
            return Optional.of(new Answer(HttpResponseStatus.NOT_MODIFIED, headers, null, 0, 0));
        }
        String range = request.headers().get(HttpHeaderNames.RANGE);
        if (range == null || !range.startsWith("bytes=") || range.contains(",")) {
            return Optional.of(new Answer(HttpResponseStatus.OK, headers, sent, 0, size));
        }
        long[] span = span(range.substring("bytes=".length()).trim(), size);
        if (span == null) {
            headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            return Optional.of(
                    new Answer(
                            HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                            headers,
                            null,
                            0,
                            0));
        }
        headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + size);
        return Optional.of(
                new Answer(
                        HttpResponseStatus.PARTIAL_CONTENT,
                        headers,
                        sent,
                        span[0],
                        span[1] - span[0] + 1));
    }

    /** First and last byte of {@code a-b}, {@code a-} or {@code -n}; null if unsatisfiable. */
    private static long[] span(String spec, long size) {
        int dash = spec.indexOf('-');
        try {
            long first;
            long last;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                first = Math.max(0, size - suffix);
                last = size - 1;
                if (suffix == 0) {
                    return null;
                }
            } else {
                first = Long.parseLong(spec.substring(0, dash));
                last =
                        dash == spec.length() - 1
                                ? size - 1
                                : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
            }
            return first < size && first <= last ? new long[] {first, last} : null;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static boolean accepts(String acceptEncoding, String coding) {
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equals(coding)) {
                return !(p.length > 1 && p[1].trim().matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
