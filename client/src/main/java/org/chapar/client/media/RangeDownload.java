package org.chapar.client.media;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download by byte range: each attempt asks for the bytes from where the last one stopped ({@code
 * Range: bytes=N-}); a file id's content never changes, so the pieces always fit.
 *
 * <p>The body is written from the HTTP client's own buffers as they arrive, on its thread (as the
 * JDK's {@code BodyHandlers.ofFile} does), not handed to the caller's thread through an input
 * stream and copied once more; a file is forced to disk in steps while the body still arrives, so
 * the force at the end waits only for the tail.
 */
final class RangeDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");
    // Time to the response headers; the body itself may take as long as it takes.
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(1);

    private RangeDownload() {}

    /** Where the body goes: appended from {@code offset} on, or restarted when it is 0. */
    private interface Sink {
        DownloadTarget open(long offset) throws IOException;
    }

    static Path toFile(MediaFiles media, String path, Path target, TransferListener listener) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            long have = Files.exists(part) ? Files.size(part) : 0;
            run(
                    media,
                    media.resolve(path),
                    have,
                    offset -> DownloadTarget.PartFile.open(part, offset),
                    true,
                    listener);
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
        Sink sink = from -> new DownloadTarget.Unclosed(out);
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
            Attempt attempt = new Attempt(have, sink, listener);
            try {
                HttpResponse<String> r;
                try {
                    r = media.http().send(b.build(), attempt);
                } finally {
                    if (attempt.have > have) {
                        failures = 0;
                    }
                    have = attempt.have;
                }
                switch (r.statusCode()) {
                    case 200, 206 -> {
                        if (attempt.total < 0 || have == attempt.total) {
                            return have;
                        }
                        throw new IOException(
                                "the answer ended at " + have + " of " + attempt.total + " bytes");
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
                    }
                    default -> {
                        if (r.statusCode() >= 500) {
                            throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
                        }
                        throw MediaHttpException.of(r.statusCode(), r.body(), 0);
                    }
                }
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

    /**
     * One request: a 200 or 206 goes to the sink (a 200 after the bytes already here, which it
     * repeats), any other answer is read as text. {@link #have} is where the sink got to, also
     * after a cut.
     */
    private static final class Attempt implements HttpResponse.BodyHandler<String> {
        private final Sink sink;
        private final TransferListener listener;
        private final long start;
        private volatile long have;
        private volatile long total = -1;

        Attempt(long start, Sink sink, TransferListener listener) {
            this.start = start;
            this.have = start;
            this.sink = sink;
            this.listener = listener;
        }

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            long skip = 0;
            switch (info.statusCode()) {
                case 200 -> {
                    skip = start; // the whole file although a range was asked
                    total = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                }
                case 206 -> {
                    Matcher m =
                            CONTENT_RANGE.matcher(
                                    info.headers().firstValue("Content-Range").orElse(""));
                    if (!m.matches() || Long.parseLong(m.group(1)) != start) {
                        return new ToTarget(
                                new IOException("the server sent another range than asked"));
                    }
                    total = Long.parseLong(m.group(3));
                }
                default -> {
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                }
            }
            try {
                listener.progress(start, total);
                return new ToTarget(sink.open(start), skip);
            } catch (IOException e) {
                return new ToTarget(e);
            }
        }

        /** The body into a target, one list of the client's buffers at a time. */
        private final class ToTarget implements HttpResponse.BodySubscriber<String> {
            private final CompletableFuture<String> done = new CompletableFuture<>();
            private final DownloadTarget target; // null: failed before the body
            private final IOException failure;
            private long skip;
            private Flow.Subscription subscription;

            ToTarget(DownloadTarget target, long skip) {
                this.target = target;
                this.skip = skip;
                this.failure = null;
            }

            ToTarget(IOException failure) {
                this.target = null;
                this.failure = failure;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (failure != null) {
                    s.cancel();
                    done.completeExceptionally(failure);
                    return;
                }
                s.request(1);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                ByteBuffer[] buffers = items.toArray(ByteBuffer[]::new);
                long n = 0;
                for (ByteBuffer buffer : buffers) {
                    int skipped = (int) Math.min(skip, buffer.remaining());
                    buffer.position(buffer.position() + skipped);
                    skip -= skipped;
                    n += buffer.remaining();
                }
                try {
                    target.write(buffers);
                } catch (IOException | RuntimeException e) {
                    subscription.cancel();
                    finish(e);
                    return;
                }
                have += n;
                listener.progress(have, total);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                finish(t);
            }

            @Override
            public void onComplete() {
                finish(null);
            }

            private void finish(Throwable failed) {
                if (done.isDone()) {
                    return;
                }
                try {
                    target.close();
                } catch (IOException | RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
                if (failed == null) {
                    done.complete("");
                } else {
                    done.completeExceptionally(failed);
                }
            }

            @Override
            public CompletionStage<String> getBody() {
                return done;
            }
        }
    }
}
