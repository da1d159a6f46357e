package org.chapar.client.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One run of a tus 1.0 upload (core, creation, checksum): find or create the upload, then PATCH
 * checksummed chunks from the server's offset. After a cut the offset is asked again with HEAD, so
 * the bytes the server kept are never sent twice and the upload never restarts from zero.
 *
 * <p>While one chunk is on its way, the next is read and hashed into a second buffer, so the link
 * never waits for the disk and the hash.
 */
final class TusUpload {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final MediaFiles media;
    private final Path file;
    private final long size;
    private final String key;
    private final UploadResumeStore resume;
    private final TransferListener listener;
    private final ChunkSizer sizer;
    private Chunk spare; // a buffer no request holds
    private CompletableFuture<Chunk> ahead; // the chunk after the one on its way, being read
    // the server takes Upload-Checksum: crc32c (its tus answers say so); else sha256
    private boolean crc32c;

    TusUpload(
            MediaFiles media,
            Path file,
            long size,
            String key,
            UploadResumeStore resume,
            TransferListener listener) {
        this.media = media;
        this.file = file;
        this.size = size;
        this.key = key;
        this.resume = resume;
        this.listener = listener;
        this.sizer = new ChunkSizer(media.chunkBytes());
    }

    UploadedFile run(String filename, String mimeType) throws IOException, InterruptedException {
        URI url = resume.find(key).map(media::resolve).orElse(null);
        long offset = -1;
        int failures = 0;
        while (true) {
            try {
                if (url != null && offset < 0) {
                    offset = offsetOf(url);
                    if (offset < 0) { // gone or not this file any more: start a new one
                        resume.remove(key);
                        url = null;
                    }
                }
                if (url == null) {
                    url = create(filename, mimeType);
                    resume.save(key, url.getRawPath());
                    offset = 0;
                }
                listener.progress(offset, size);
                if (offset >= size) {
                    return new UploadedFile(idOf(url), size, key);
                }
                int length = sizer.next(size - offset);
                long began = System.nanoTime();
                long sent = patch(url, offset, length);
                if (sent > offset) {
                    failures = 0;
                    sizer.sent(sent - offset, System.nanoTime() - began);
                }
                offset = sent;
            } catch (IOException e) {
                cut();
                failures = failed(failures, e);
                offset = -1;
            } catch (MediaHttpException e) {
                switch (e.code()) {
                    case "UPLOAD_OFFSET_MISMATCH" -> offset = -1;
                    case "CHECKSUM_MISMATCH" -> {
                        cut();
                        failures = failed(failures, e);
                    }
                    case "UPLOAD_LOCKED" -> {
                        // an earlier request (of a run that was cut) still writes it: wait, ask
                        // again
                        failures = failed(failures, e);
                        offset = -1;
                    }
                    case "TOO_MANY_UPLOADS" -> {
                        failures = failed(failures, e);
                        Thread.sleep(Math.max(0, e.retryAfterSeconds()) * 1000);
                    }
                    default -> {
                        if (e.status() < 500) {
                            throw e;
                        }
                        failures = failed(failures, e);
                        offset = -1;
                    }
                }
            }
        }
    }

    /** A chunk was lost: the next ones are smaller, so the one read ahead is not sent. */
    private void cut() {
        sizer.cut();
        ahead = null;
    }

    private int failed(int failures, Exception e) throws InterruptedException {
        int now = failures + 1;
        if (now >= media.retries()) {
            if (e instanceof MediaHttpException m) {
                throw m;
            }
            throw new UncheckedIOException(
                    new IOException(
                            "upload of "
                                    + file
                                    + " failed "
                                    + now
                                    + " times in a row: "
                                    + e.getMessage(),
                            e));
        }
        Thread.sleep(media.backoffMillis(now));
        return now;
    }

    /** Whether the server's tus answer names {@code crc32c} among its checksum algorithms. */
    private static boolean takesCrc32c(HttpResponse<?> r) {
        return r.headers().firstValue("Tus-Checksum-Algorithm").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(a -> a.trim().equalsIgnoreCase("crc32c"));
    }

    /** HEAD: the server's offset, or -1 when the upload is gone or is of another length. */
    private long offsetOf(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() == 404 || r.statusCode() == 410) {
            return -1;
        }
        requireStatus(r, 200);
        crc32c = takesCrc32c(r);
        long length = r.headers().firstValueAsLong("Upload-Length").orElse(-1);
        return length == size ? header(r, "Upload-Offset") : -1;
    }

    private URI create(String filename, String mimeType) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                tus(media.uploads())
                        .header("Upload-Length", Long.toString(size))
                        .POST(HttpRequest.BodyPublishers.noBody());
        String metadata = metadata(filename, mimeType);
        if (!metadata.isEmpty()) {
            b.header("Upload-Metadata", metadata);
        }
        HttpResponse<String> r = send(b.build());
        requireStatus(r, 201);
        crc32c = takesCrc32c(r);
        String location =
                r.headers()
                        .firstValue("Location")
                        .orElseThrow(() -> new IOException("tus creation answered no Location"));
        return media.resolve(location);
    }

    /**
     * One PATCH from {@code offset}, of the chunk read ahead for it or else of {@code length} bytes
     * read now; answers the server's new offset.
     */
    private long patch(URI url, long offset, int length) throws IOException, InterruptedException {
        Chunk chunk = take(offset, length);
        long following = chunk.offset() + chunk.length();
        if (following < size) {
            readAhead(following, sizer.next(size - following));
        }
        HttpRequest request =
                tus(url).header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Upload-Checksum", chunk.checksum())
                        .method("PATCH", chunk.body(position -> listener.progress(position, size)))
                        .build();
        // a cut request may still hold the slices: then the buffer is not used again
        HttpResponse<String> r = send(request);
        spare = chunk;
        requireStatus(r, 204);
        return header(r, "Upload-Offset");
    }

    /** The chunk read ahead if it starts at {@code offset}, else {@code length} bytes read now. */
    private Chunk take(long offset, int length) throws IOException {
        if (ahead != null) {
            CompletableFuture<Chunk> read = ahead;
            ahead = null;
            try {
                Chunk c = read.join();
                if (c.offset() == offset) {
                    return c;
                }
                spare = c;
            } catch (CompletionException e) {
                // read again below, where a failure is the caller's
            }
        }
        return buffer().read(file, offset, length);
    }

    /** Reads and hashes the chunk at {@code offset} on a thread of its own. */
    private void readAhead(long offset, int length) {
        Chunk into = buffer();
        ahead =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return into.read(file, offset, length);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        task -> Thread.ofVirtual().name("upload-read-ahead").start(task));
    }

    private Chunk buffer() {
        Chunk c = spare;
        spare = null;
        return c != null ? c : new Chunk(sizer.largest(), crc32c);
    }

    private HttpRequest.Builder tus(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Tus-Resumable", MediaFiles.TUS_VERSION)
                .header("Authorization", media.authorization());
    }

    private HttpResponse<String> send(HttpRequest request)
            throws IOException, InterruptedException {
        return media.http().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void requireStatus(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw MediaHttpException.of(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValueAsLong("Retry-After").orElse(0));
        }
    }

    private static long header(HttpResponse<?> r, String name) throws IOException {
        return r.headers()
                .firstValueAsLong(name)
                .orElseThrow(() -> new IOException("the server's answer has no " + name));
    }

    private static String idOf(URI url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** tus Upload-Metadata: comma-separated "key base64(value)" pairs. */
    private static String metadata(String filename, String mimeType) {
        List<String> pairs = new ArrayList<>();
        if (filename != null && !filename.isEmpty()) {
            pairs.add("filename " + b64(filename));
        }
        if (mimeType != null && !mimeType.isEmpty()) {
            pairs.add("filetype " + b64(mimeType));
        }
        return String.join(",", pairs);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
