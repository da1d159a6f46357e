package org.chapar.server.media;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * tus 1.0 over the route table (protocol/README.md "Uploads: tus 1.0"): core, creation,
 * creation-with-upload, termination, checksum (sha256, crc32c) and expiration. Every request but
 * OPTIONS is authorized by the session's Bearer token; this class reads headers and writes answers,
 * {@link UploadService} holds the rules.
 */
final class TusRoutes {
    private static final Logger log = LoggerFactory.getLogger(TusRoutes.class);
    static final String PATH = "/media/uploads";
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS =
            "creation,creation-with-upload,termination,checksum,expiration";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);

    private final UploadService uploads;
    private final Bearer bearer;

    TusRoutes(UploadService uploads, Bearer bearer) {
        this.uploads = uploads;
        this.bearer = bearer;
    }

    void register(HttpRoutes routes) {
        long max = uploads.limits().maxUploadBytes();
        routes.small(HttpMethod.OPTIONS, PATH, 0, call -> done(options()));
        routes.smallUnder(HttpMethod.OPTIONS, PATH + "/", 0, call -> done(options()));
        routes.streaming(HttpMethod.POST, PATH, max, this::create);
        routes.smallUnder(HttpMethod.HEAD, PATH + "/", 0, this::head);
        routes.streamingUnder(HttpMethod.PATCH, PATH + "/", max, this::patch);
        routes.smallUnder(HttpMethod.DELETE, PATH + "/", 0, this::terminate);
    }

    private HttpReply options() {
        return tus(HttpReply.empty(HttpResponseStatus.NO_CONTENT))
                .withHeader("Tus-Version", VERSION)
                .withHeader("Tus-Extension", EXTENSIONS)
                .withHeader("Tus-Max-Size", uploads.limits().maxUploadBytes());
    }

    private CompletableFuture<HttpRoutes.Upload> create(HttpRoutes.Call call) {
        return guarded(
                call,
                user -> {
                    HttpHeaders h = call.headers();
                    if (h.contains("Upload-Defer-Length")) {
                        throw HttpError.bad("Upload-Defer-Length is not supported");
                    }
                    long length = number(h, "Upload-Length");
                    UploadMetadata metadata = UploadMetadata.parse(h.get("Upload-Metadata"));
                    long body = bodyLength(h);
                    if (body != 0) {
                        requireOffsetStream(h);
                    }
                    ChunkChecksum checksum = ChunkChecksum.parse(h.get("Upload-Checksum"));
                    return uploads.create(user, length, metadata)
                            .thenCompose(
                                    u -> {
                                        if (body == 0) {
                                            return CompletableFuture.completedFuture(
                                                    HttpRoutes.immediate(created(u)));
                                        }
                                        return uploads.write(user, u.id(), 0, body, checksum)
                                                .thenApply(w -> stream(w, this::created));
                                    });
                });
    }

    private HttpReply created(UploadRecord u) {
        HttpReply r =
                tus(HttpReply.empty(HttpResponseStatus.CREATED))
                        .withHeader(HttpHeaderNames.LOCATION, PATH + "/" + u.id())
                        .withHeader("Upload-Offset", u.received());
        return u.finished() ? r : r.withHeader("Upload-Expires", date(u.expires()));
    }

    private CompletableFuture<HttpReply> head(HttpRoutes.Call call) {
        return answer(
                call,
                user ->
                        uploads.find(user, id(call))
                                .thenApply(
                                        u -> {
                                            HttpReply r =
                                                    tus(HttpReply.empty(HttpResponseStatus.OK))
                                                            .withHeader(
                                                                    "Upload-Offset", u.received())
                                                            .withHeader("Upload-Length", u.length())
                                                            .withHeader(
                                                                    HttpHeaderNames.CACHE_CONTROL,
                                                                    "no-store");
                                            if (!u.metadata().isEmpty()) {
                                                r = r.withHeader("Upload-Metadata", u.metadata());
                                            }
                                            return u.finished()
                                                    ? r
                                                    : r.withHeader(
                                                            "Upload-Expires", date(u.expires()));
                                        }));
    }

    private CompletableFuture<HttpRoutes.Upload> patch(HttpRoutes.Call call) {
        return guarded(
                call,
                user -> {
                    HttpHeaders h = call.headers();
                    requireOffsetStream(h);
                    long offset = number(h, "Upload-Offset");
                    ChunkChecksum checksum = ChunkChecksum.parse(h.get("Upload-Checksum"));
                    String id = id(call);
                    return uploads.write(user, id, offset, bodyLength(h), checksum)
                            .thenApply(w -> stream(w, this::patched));
                });
    }

    private HttpReply patched(UploadRecord u) {
        HttpReply r =
                tus(HttpReply.empty(HttpResponseStatus.NO_CONTENT))
                        .withHeader("Upload-Offset", u.received());
        return u.finished() ? r : r.withHeader("Upload-Expires", date(u.expires()));
    }

    private CompletableFuture<HttpReply> terminate(HttpRoutes.Call call) {
        return answer(
                call,
                user ->
                        uploads.terminate(user, id(call))
                                .thenApply(
                                        v -> tus(HttpReply.empty(HttpResponseStatus.NO_CONTENT))));
    }

    /** The request's bytes into the upload; the answer made by {@code ok} or from the error. */
    private static HttpRoutes.Upload stream(UploadWrite w, Function<UploadRecord, HttpReply> ok) {
        return new HttpRoutes.Upload() {
            @Override
            public CompletableFuture<Void> chunk(io.netty.buffer.ByteBuf chunk) {
                return w.chunk(chunk);
            }

            @Override
            public CompletableFuture<HttpReply> end() {
                return w.end().handle((u, e) -> e == null ? ok.apply(u) : failure(e));
            }

            @Override
            public void abort() {
                w.abort();
            }
        };
    }

    /** Checks the tus version and the session, then runs {@code work}; errors become answers. */
    private CompletableFuture<HttpRoutes.Upload> guarded(
            HttpRoutes.Call call, Function<Long, CompletableFuture<HttpRoutes.Upload>> work) {
        return authorized(call, work).exceptionally(e -> HttpRoutes.immediate(failure(e)));
    }

    private CompletableFuture<HttpReply> answer(
            HttpRoutes.Call call, Function<Long, CompletableFuture<HttpReply>> work) {
        return authorized(call, work).exceptionally(TusRoutes::failure);
    }

    private <T> CompletableFuture<T> authorized(
            HttpRoutes.Call call, Function<Long, CompletableFuture<T>> work) {
        if (!VERSION.equals(call.headers().get("Tus-Resumable"))) {
            return CompletableFuture.failedFuture(
                    new HttpError(
                            HttpResponseStatus.PRECONDITION_FAILED,
                            "TUS_VERSION_UNSUPPORTED",
                            "send Tus-Resumable: " + VERSION));
        }
        return bearer.user(call.headers()).thenCompose(work::apply);
    }

    static HttpReply failure(Throwable e) {
        Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpError h) {
            HttpReply r = tus(h.reply());
            return h.status.code() == 412 ? r.withHeader("Tus-Version", VERSION) : r;
        }
        log.warn("an upload request failed", cause);
        return tus(
                HttpReply.error(
                        HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "the server failed"));
    }

    /** Every tus answer names the checksums it takes, so a resuming client learns them too. */
    private static HttpReply tus(HttpReply r) {
        return r.withHeader("Tus-Resumable", VERSION)
                .withHeader("Tus-Checksum-Algorithm", ChunkChecksum.ADVERTISED);
    }

    private static CompletableFuture<HttpReply> done(HttpReply r) {
        return CompletableFuture.completedFuture(r);
    }

    private static String id(HttpRoutes.Call call) {
        String id = call.path().substring(PATH.length() + 1);
        if (!ID.matcher(id).matches()) {
            throw UploadService.notFound();
        }
        return id;
    }

    private static long number(HttpHeaders h, String name) {
        String v = h.get(name);
        if (v == null || !NUMBER.matcher(v.trim()).matches()) {
            throw HttpError.bad("send " + name + " as a number of bytes");
        }
        return Long.parseLong(v.trim());
    }

    /** The body's length, -1 if chunked (not known ahead), 0 if there is none. */
    private static long bodyLength(HttpHeaders h) {
        if (h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return -1;
        }
        String v = h.get(HttpHeaderNames.CONTENT_LENGTH);
        return v == null ? 0 : Long.parseLong(v.trim());
    }

    private static void requireOffsetStream(HttpHeaders h) {
        String type = h.get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(Locale.ROOT).startsWith(OFFSET_STREAM)) {
            throw new HttpError(
                    HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "CONTENT_TYPE_INVALID",
                    "send the bytes as Content-Type: " + OFFSET_STREAM);
        }
    }

    static String date(long ms) {
        return HTTP_DATE.format(Instant.ofEpochMilli(ms));
    }
}
