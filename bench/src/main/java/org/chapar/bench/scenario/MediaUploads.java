package org.chapar.bench.scenario;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.chapar.ChaparClient;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;
import org.chapar.bench.servers.Jvm;
import org.chapar.bench.servers.ProcessStats;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SendMessage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scenario 7: {@code clients} users each upload a different JPEG photo of about {@code photoBytes}
 * at the same moment (tus creation and one PATCH, then the photo message to their Saved Messages,
 * which makes the server strip metadata and render thumbnails), round after round. Time per upload
 * is from the creation request to the message's acknowledgement. The server's heap is sampled
 * meanwhile for its peak.
 *
 * <p>With {@code alongside}, that direct-message scenario runs twice: alone, then while upload
 * rounds run without a pause, so the two latency rows show what uploads cost chat.
 */
public record MediaUploads(int clients, int photoBytes, int rounds, Direct alongside) {

    public List<Result> run(Run run, URI origin) throws Exception {
        List<Result> results = new ArrayList<>();
        run.log("provisioning %,d uploaders; making %,d photos", clients, clients);
        List<Account> accounts = run.driver().provision(run.accountPrefix() + "m", clients);
        List<byte[]> photos =
                IntStream.range(0, clients)
                        .parallel()
                        .mapToObj(i -> Photos.jpeg(photoBytes, i * 7919L + 1))
                        .toList();
        List<CompletableFuture<BenchClient>> pending = new ArrayList<>();
        for (Account a : accounts) pending.add(run.driver().connect(a, Inbox.IGNORE));
        List<BenchClient> uploaders = Run.all(pending, Duration.ofMinutes(5));
        TusClient tus = new TusClient(origin);

        Uploads uploads = new Uploads();
        HeapPeak peak = HeapPeak.start(run);
        try {
            if (alongside == null) {
                for (int i = 0; i < rounds; i++)
                    round(run, tus, uploaders, accounts, photos, uploads);
            } else {
                Result quiet = alongside.run(prefixed(run, "q"));
                results.add(quiet.parameter("uploads", "none"));
                AtomicBoolean going = new AtomicBoolean(true);
                Thread loop =
                        Thread.ofPlatform()
                                .name("upload-rounds")
                                .start(
                                        () -> {
                                            try {
                                                do { // at least one round, however short
                                                    round(
                                                            run, tus, uploaders, accounts, photos,
                                                            uploads);
                                                } while (going.get());
                                            } catch (Exception e) {
                                                run.log("upload rounds stopped: %s", e);
                                            }
                                        });
                Result busy = alongside.run(prefixed(run, "b"));
                going.set(false);
                loop.join(TimeUnit.MINUTES.toMillis(5));
                results.add(
                        busy.parameter(
                                "uploads", clients + " at once, round after round, meanwhile"));
            }
        } finally {
            peak.stop();
        }
        for (BenchClient c : uploaders) c.close();

        Histogram h = uploads.times;
        long done = h.getTotalCount();
        double seconds = uploads.nanos.get() / 1e9;
        Result r =
                new Result("photo uploads", run.target().name())
                        .parameter("clients at once", clients)
                        .parameter("photo size", photos.get(0).length / 1024 + " KiB")
                        .parameter("rounds", uploads.rounds.get())
                        .metric("uploads", done, "uploads")
                        .metric("failed", uploads.failed.get(), "uploads")
                        .metric("uploads per second", done / Math.max(1e-9, seconds), "uploads/s")
                        .metric(
                                "upload throughput",
                                uploads.bytes.get() / 1048576.0 / Math.max(1e-9, seconds),
                                "MiB/s")
                        .metric("time per upload p50", LatencySeries.ms(h, 50), "ms")
                        .metric("time per upload p99", LatencySeries.ms(h, 99), "ms")
                        .metric("time per upload max", LatencySeries.ms(h, 100), "ms");
        if (peak.heap() > 0) r.metric("server peak heap", peak.heap() / 1048576.0, "MiB");
        if (peak.rss() > 0) r.metric("server peak RSS", peak.rss() / 1048576.0, "MiB");
        results.add(r);
        return results;
    }

    /** What the rounds measured, together. */
    private static final class Uploads {
        final Histogram times =
                new Histogram(TimeUnit.MINUTES.toMicros(10), 3); // µs, as LatencySeries
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong rounds = new AtomicLong();
    }

    /** Every client uploads once, all at the same moment; returns when the last one is done. */
    private void round(
            Run run,
            TusClient tus,
            List<BenchClient> uploaders,
            List<Account> accounts,
            List<byte[]> photos,
            Uploads into)
            throws InterruptedException {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> each = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Account a = accounts.get(i);
            ChaparClient c = (ChaparClient) uploaders.get(i);
            byte[] photo = photos.get(i);
            long t0 = System.nanoTime();
            each.add(
                    tus.upload(
                                    a.token(),
                                    "photo-" + i + ".jpg",
                                    "image/jpeg",
                                    photo.length,
                                    HttpRequest.BodyPublishers.ofByteArray(photo))
                            .thenCompose(id -> c.call(photoMessage(a, id)))
                            .thenApply(
                                    f -> {
                                        long took = System.nanoTime() - t0;
                                        synchronized (into.times) {
                                            into.times.recordValue(Math.max(1, took / 1000));
                                        }
                                        into.bytes.addAndGet(photo.length);
                                        return took;
                                    }));
        }
        int failed = Run.failures(each, Duration.ofMinutes(10));
        long took = System.nanoTime() - start;
        into.nanos.addAndGet(took);
        into.failed.addAndGet(failed);
        long round = into.rounds.incrementAndGet();
        run.log(
                "upload round %d: %d photos in %.2f s, %d failed",
                round, clients - failed, took / 1e9, failed);
        if (failed > 0) {
            for (CompletableFuture<Long> f : each) {
                if (f.isCompletedExceptionally()) {
                    f.exceptionally(
                            e -> {
                                run.log("first failure: %s", e);
                                return 0L;
                            });
                    break;
                }
            }
        }
    }

    /** The same run with accounts of their own (each scenario run provisions new ones). */
    private static Run prefixed(Run run, String more) {
        return new Run(
                run.target(),
                run.driver(),
                run.generator(),
                run.accountPrefix() + more,
                run.progress());
    }

    private static ClientFrame.Builder photoMessage(Account self, String uploadId) {
        return ClientFrame.newBuilder()
                .setSendMessage(
                        SendMessage.newBuilder()
                                .setPeer(Peer.newBuilder().setUserId(self.id()))
                                .setRandomId(ThreadLocalRandom.current().nextLong())
                                .setMedia(
                                        InputMedia.newBuilder()
                                                .setKind(MediaKind.PHOTO)
                                                .setUploadId(uploadId)));
    }

    /** Samples the server's heap in use (garbage included) and RSS once a second. */
    private static final class HeapPeak {
        private final AtomicLong heap = new AtomicLong();
        private final AtomicLong rss = new AtomicLong();
        private final AtomicBoolean going = new AtomicBoolean(true);
        private Thread thread;

        static HeapPeak start(Run run) {
            HeapPeak p = new HeapPeak();
            if (run.target().pid().isEmpty()) return p;
            long pid = run.target().pid().getAsLong();
            p.thread =
                    Thread.ofPlatform()
                            .daemon()
                            .name("heap-peak")
                            .start(
                                    () -> {
                                        while (p.going.get()) {
                                            Jvm.heapUsed(pid)
                                                    .ifPresent(
                                                            h ->
                                                                    p.heap.accumulateAndGet(
                                                                            h, Math::max));
                                            p.rss.accumulateAndGet(
                                                    ProcessStats.rssBytes(pid), Math::max);
                                            try {
                                                Thread.sleep(1000);
                                            } catch (InterruptedException e) {
                                                return;
                                            }
                                        }
                                    });
            return p;
        }

        void stop() throws InterruptedException {
            going.set(false);
            if (thread != null) thread.join(5000);
        }

        long heap() {
            return heap.get();
        }

        long rss() {
            return rss.get();
        }
    }
}
