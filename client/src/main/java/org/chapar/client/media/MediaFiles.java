package org.chapar.client.media;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * Uploads and downloads of one server's media files, authorized by a session token. Transfers block
 * the calling thread (run them on a thread of your own, a virtual one is fine), report progress to
 * a {@link TransferListener}, and survive cut connections: an upload resumes from the offset the
 * server reports ({@code HEAD}), a download from the bytes already received ({@code Range}), never
 * from zero; after {@link #retries} cuts in a row without progress they give up with the last
 * error.
 *
 * <p>Thread-safe; one HTTP client, made at the first transfer.
 */
public final class MediaFiles {
    static final String TUS_VERSION = "1.0.0";

    private final URI origin;
    private final Supplier<String> token;
    private final SSLContext tls;
    private volatile HttpClient http;
    private volatile int chunkBytes; // 0: sized by the link (ChunkSizer)
    private volatile int retries = 8;
    private volatile Duration firstBackoff = Duration.ofMillis(200);

    /**
     * {@code origin} is the server's HTTP origin ({@link #originOf} of its WebSocket URI); {@code
     * token} answers the current session token.
     */
    public MediaFiles(URI origin, Supplier<String> token) {
        this(origin, token, null);
    }

    /**
     * {@code tls}: how an https origin's certificate is checked (the pins and roots the client's
     * WebSocket uses); null: the JDK's trusted roots.
     */
    public MediaFiles(URI origin, Supplier<String> token, SSLContext tls) {
        this.origin = Objects.requireNonNull(origin);
        this.token = Objects.requireNonNull(token);
        this.tls = tls;
    }

    /** {@code ws://host:port/ws} to {@code http://host:port} ({@code wss} to {@code https}). */
    public static URI originOf(URI websocket) {
        String scheme =
                switch (websocket.getScheme()) {
                    case "ws", "http" -> "http";
                    case "wss", "https" -> "https";
                    default ->
                            throw new IllegalArgumentException("not a WebSocket URI: " + websocket);
                };
        return URI.create(scheme + "://" + websocket.getRawAuthority());
    }

    /**
     * Fixes the bytes per PATCH (for a proxy that limits request bodies, say). By default each
     * PATCH is sized to take about 2 s at the speed of the one before (256 KiB to 32 MiB): a chunk
     * is checksummed, so its size is what a cut costs.
     */
    public MediaFiles chunkBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive");
        }
        this.chunkBytes = bytes;
        return this;
    }

    /** How many failed attempts in a row (no byte of progress between) end a transfer. */
    public MediaFiles retries(int attempts, Duration firstBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.retries = attempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff);
        return this;
    }

    /**
     * Uploads {@code file} over tus, or finishes the unfinished upload of it that {@code resume}
     * remembers. {@code filename} and {@code mimeType} go into {@code Upload-Metadata} ("" to leave
     * one out).
     *
     * @throws MediaHttpException when the server refuses (too large, too many uploads...)
     * @throws UncheckedIOException when the file cannot be read or the server not reached
     */
    public UploadedFile upload(
            Path file,
            String filename,
            String mimeType,
            UploadResumeStore resume,
            TransferListener listener) {
        try {
            long size = Files.size(file);
            String key = resumeKey(file, size);
            return new TusUpload(this, file, size, key, resume, orNone(listener))
                    .run(filename, mimeType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** Drops the resume record of an upload that a sent message now uses. */
    public void forget(UploadedFile upload, UploadResumeStore resume) {
        resume.remove(upload.resumeKey());
    }

    /**
     * Downloads file {@code fileId} to {@code target}: bytes go to {@code target + ".part"} first,
     * which a later call resumes from; the target appears only when complete.
     */
    public Path download(String fileId, Path target, TransferListener listener) {
        return RangeDownload.toFile(this, filePath(fileId, null), target, orNone(listener));
    }

    /** One thumbnail ({@code Thumbnail.type}) of a photo or a video's poster, to a file. */
    public Path downloadThumbnail(
            String fileId, String type, Path target, TransferListener listener) {
        return RangeDownload.toFile(this, filePath(fileId, type), target, orNone(listener));
    }

    /**
     * Streams file {@code fileId} into {@code out} from byte {@code offset} on (0: all of it),
     * asking again by range after a cut; answers the bytes written.
     */
    public long download(String fileId, long offset, OutputStream out, TransferListener listener) {
        return RangeDownload.toStream(this, filePath(fileId, null), offset, out, orNone(listener));
    }

    // ---- for TusUpload and RangeDownload ----

    URI resolve(String pathOrUrl) {
        return origin.resolve(pathOrUrl);
    }

    URI uploads() {
        return origin.resolve("/media/uploads");
    }

    String authorization() {
        String t = token.get();
        if (t == null || t.isEmpty()) {
            throw new IllegalStateException("not logged in: media transfers need a session");
        }
        return "Bearer " + t;
    }

    HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                if (http == null) {
                    HttpClient.Builder b =
                            HttpClient.newBuilder()
                                    .version(HttpClient.Version.HTTP_1_1)
                                    .followRedirects(HttpClient.Redirect.NEVER)
                                    .connectTimeout(Duration.ofSeconds(10));
                    if (tls != null) {
                        b.sslContext(tls);
                    }
                    http = b.build();
                }
                h = http;
            }
        }
        return h;
    }

    int chunkBytes() {
        return chunkBytes;
    }

    int retries() {
        return retries;
    }

    /** The wait before attempt {@code failures + 1}: doubling from the first, at most 5 s. */
    long backoffMillis(int failures) {
        long ms = firstBackoff.toMillis() << Math.min(failures - 1, 10);
        return Math.min(ms, 5_000);
    }

    private static TransferListener orNone(TransferListener l) {
        return l == null ? TransferListener.NONE : l;
    }

    private static String filePath(String fileId, String thumbnail) {
        if (!fileId.matches("[A-Za-z0-9_-]+")
                || (thumbnail != null && !thumbnail.matches("[A-Za-z0-9]+"))) {
            throw new IllegalArgumentException("not a file id: " + fileId);
        }
        return "/media/files/" + fileId + (thumbnail == null ? "" : "/thumbs/" + thumbnail);
    }

    /**
     * Names the upload of this file to this server: the same path, size and modification time
     * resume it; a changed file starts a new one.
     */
    private String resumeKey(Path file, long size) throws IOException {
        String identity =
                origin
                        + "\n"
                        + file.toAbsolutePath().normalize()
                        + "\n"
                        + size
                        + "\n"
                        + Files.getLastModifiedTime(file).toMillis();
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
