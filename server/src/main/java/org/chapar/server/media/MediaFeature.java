package org.chapar.server.media;

import org.chapar.server.account.AccountService;
import org.chapar.server.core.Randoms;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.media.image.ImageLimits;
import org.chapar.server.media.image.PhotoProcessor;
import org.chapar.server.message.MediaAttachments;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The media feature's wiring: blob store, uploads, downloads and the periodic sweep of expired
 * uploads and unused blobs, built once per node from the composition root.
 */
public final class MediaFeature implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaFeature.class);

    /** How long a node waits for the first node of a fresh cluster to write MEDIA-ROOT. */
    private static final Duration ROOT_WAIT = Duration.ofSeconds(10);

    private final ExecutorService disk = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeps;
    private final UploadService uploads;
    private final Content content;
    private final Bearer bearer;
    private final MediaService media;
    private final DownloadRoutes downloads;
    private final MediaHandlers handlers;
    private final FileTransfers transfers;

    /**
     * Media under {@code root}: {@code blobs/} (content), {@code partial/} (uploads) and {@code
     * work/} (photo cleaning). {@code shared}: the operator named the directory, which must then be
     * the cluster's (ADR 0020), else the node does not start ({@link
     * org.chapar.server.store.DataDirException}).
     */
    public MediaFeature(
            Store store,
            AccountService accounts,
            Path root,
            boolean shared,
            MediaLimits limits,
            Clock clock) {
        MediaRoot.check(store, root, shared, ROOT_WAIT);
        try {
            this.content = new Content(store, new LocalBlobStore(root.resolve("blobs")), disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.uploads =
                new UploadService(store, content, root.resolve("partial"), limits, clock, disk);
        this.bearer = new Bearer(accounts);
        this.media =
                new MediaService(
                        store,
                        content,
                        new PhotoProcessor(ImageLimits.defaults()),
                        root.resolve("work"),
                        clock,
                        disk);
        FileUrls urls =
                new FileUrls(
                        store.write(
                                        tx ->
                                                tx.serverKeys()
                                                        .getOrCreate(
                                                                "media-url",
                                                                () -> Randoms.bytes(32)))
                                .join());
        this.downloads = new DownloadRoutes(store, content.blobs(), bearer, urls, clock);
        this.handlers = new MediaHandlers(store, urls, limits.signedUrlTtl(), clock);
        this.transfers = new FileTransfers(uploads, downloads, disk);
        this.sweeps =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "media-sweep");
                            t.setDaemon(true);
                            return t;
                        });
        long ms = limits.sweepInterval().toMillis();
        sweeps.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** What sends use to attach media (the message feature's port). */
    public MediaAttachments attachments() {
        return media;
    }

    /** Files in and out for the Bot API. */
    public FileTransfers transfers() {
        return transfers;
    }

    public void register(HttpRoutes routes) {
        new TusRoutes(uploads, bearer).register(routes);
        downloads.register(routes);
    }

    public void register(Dispatcher dispatcher) {
        handlers.register(dispatcher);
    }

    /** One sweep; a failure is logged and the next one tries again. */
    private void sweep() {
        try {
            uploads.sweep()
                    .exceptionally(
                            e -> {
                                log.warn("media sweep failed", e);
                                return 0;
                            })
                    .join();
        } catch (RuntimeException e) {
            log.warn("media sweep failed", e);
        }
    }

    @Override
    public void close() {
        sweeps.shutdownNow();
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
