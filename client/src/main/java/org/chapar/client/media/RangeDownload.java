package org.chapar.client.media;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download by byte range: each attempt asks for the bytes from where the last one stopped ({@code
 * Range: bytes=N-}); a file id's content never changes, so the pieces always fit.
 */
final class RangeDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");
    // Time to the response headers; the body itself may take as long as it takes.
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(1);

    private RangeDownload() {}

    /** Where the body goes: appended from {@code offset} on, or restarted when it is 0. */
    private interface Sink {
        OutputStream open(long offset) throws IOException;
    }

    static Path toFile(MediaFiles media, String path, Path target, TransferListener listener) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            long have = Files.exists(part) ? Files.size(part) : 0;
            Sink sink =
                    offset -> {
                        FileChannel channel =
                                FileChannel.open(
                                        part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        channel.truncate(offset);
                        channel.position(offset);
                        return new SyncingStream(channel);
                    };
            run(media, media.resolve(path), have, sink, true, listener);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    static long toStream(
            MediaFiles media, String path, long offset, OutputStream out, TransferListener l) {
        Sink sink = from -> new Unclosed(out);
        try {
            return run(media, media.resolve(path), offset, sink, false, l) - offset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** Fetches from {@code have} to the end; answers the total size. */
    private static long run(
            MediaFiles media,
            URI uri,
            long have,
            Sink sink,
            boolean restartable,
            TransferListener listener)
            throws IOException, InterruptedException {
        int failures = 0;
        while (true) {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(uri)
                            .timeout(HEADERS_TIMEOUT)
                            .header("Authorization", media.authorization())
                            .GET();
            if (have > 0) {
                b.header("Range", "bytes=" + have + "-");
            }
            long total;
            long start = have;
            try {
                HttpResponse<InputStream> r =
                        media.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = r.body()) {
                    switch (r.statusCode()) {
                        case 200 -> {
                            // the whole file although a range was asked: skip what is here
                            body.skipNBytes(have);
                            total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                        }
                        case 206 -> {
                            Matcher m =
                                    CONTENT_RANGE.matcher(
                                            r.headers().firstValue("Content-Range").orElse(""));
                            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                                throw new IOException("the server sent another range than asked");
                            }
                            total = Long.parseLong(m.group(3));
                        }
                        case 416 -> {
                            Matcher m =
                                    UNSATISFIED.matcher(
                                            r.headers().firstValue("Content-Range").orElse(""));
                            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                                listener.progress(have, have);
                                return have; // all of it was already here
                            }
                            if (!restartable) {
                                throw MediaHttpException.of(416, "", 0);
                            }
                            have = 0; // longer than the file: not this file's bytes, start again
                            continue;
                        }
                        default -> {
                            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                            if (r.statusCode() >= 500) {
                                throw new IOException("HTTP " + r.statusCode() + ": " + text);
                            }
                            throw MediaHttpException.of(r.statusCode(), text, 0);
                        }
                    }
                    listener.progress(have, total);
                    try (OutputStream out = sink.open(start)) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                            out.write(buffer, 0, n);
                            have += n;
                            failures = 0;
                            listener.progress(have, total);
                        }
                    }
                }
                if (total < 0 || have == total) {
                    return have;
                }
                throw new IOException("the answer ended at " + have + " of " + total + " bytes");
            } catch (IOException e) {
                failures++;
                if (failures >= media.retries()) {
                    throw new IOException(
                            "download of "
                                    + uri.getPath()
                                    + " failed "
                                    + failures
                                    + " times in a row: "
                                    + e.getMessage(),
                            e);
                }
                Thread.sleep(media.backoffMillis(failures));
            }
        }
    }

    /** The caller's stream: written through, flushed but left open at the end. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Writes to the .part file and forces it to disk on close, so a resume trusts its length. */
    private static final class SyncingStream extends OutputStream {
        private final FileChannel channel;
        private final OutputStream out;

        SyncingStream(FileChannel channel) {
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                channel.force(false);
            } finally {
                channel.close();
            }
        }
    }
}
