package org.chapar.server.media;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.FileRef;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.server.core.ApiException;
import org.chapar.server.media.image.CleanPhoto;
import org.chapar.server.media.image.ImageRejected;
import org.chapar.server.media.image.PhotoProcessor;
import org.chapar.server.media.image.Thumbnail;
import org.chapar.server.message.Attachment;
import org.chapar.server.message.MediaAttachments;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * What a send's media becomes before its write: the upload checked (the sender's, finished), a
 * photo or sticker cleaned of metadata and turned upright with its thumbnails stored as content of
 * their own, and the kind's fields checked. The upload is used up by the write itself ({@link
 * Attachment}), so a racing second use fails there.
 */
final class MediaService implements MediaAttachments {
    static final int MAX_WAVEFORM = 100;
    static final int MAX_TEXT = 256;
    static final int MAX_STICKER_SIDE = 512;

    private final Store store;
    private final Content content;
    private final PhotoProcessor photos;
    private final Path work;
    private final Clock clock;
    private final Executor disk;

    /** Bounds the memory of photo cleaning (each holds a decoded image). */
    private final Semaphore cleaning = new Semaphore(2);

    MediaService(
            Store store,
            Content content,
            PhotoProcessor photos,
            Path work,
            Clock clock,
            Executor disk) {
        this.store = store;
        this.content = content;
        this.photos = photos;
        this.work = work;
        this.clock = clock;
        this.disk = disk;
    }

    /** A finished upload of the user and its file. */
    private record Source(UploadRecord upload, FileRecord file) {}

    @Override
    public CompletableFuture<Attachment> prepare(long me, InputMedia in, long groupedId) {
        MediaKind kind = in.getKind();
        if (kind == MediaKind.MEDIA_KIND_UNSPECIFIED || kind == MediaKind.UNRECOGNIZED) {
            return failed(ErrorCode.MEDIA_INVALID, "Say which kind of media this is");
        }
        if (groupedId != 0 && (kind == MediaKind.VOICE || kind == MediaKind.STICKER)) {
            return failed(
                    ErrorCode.MEDIA_GROUP_INVALID,
                    "Albums hold photos and videos, or documents, or audio");
        }
        try {
            checkFields(in);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!in.getFileId().isEmpty()) {
            return store.read(tx -> reuse(tx, me, in, groupedId));
        }
        return source(me, in.getUploadId())
                .thenCompose(
                        main -> {
                            if (kind == MediaKind.VIDEO && !in.getPosterUploadId().isEmpty()) {
                                return source(me, in.getPosterUploadId())
                                        .thenApplyAsync(
                                                poster -> build(in, groupedId, main, poster), disk);
                            }
                            return CompletableFuture.supplyAsync(
                                    () -> build(in, groupedId, main, null), disk);
                        });
    }

    private static void checkFields(InputMedia in) {
        if (in.getDuration() < 0 || in.getWidth() < 0 || in.getHeight() < 0) {
            throw new ApiException(
                    ErrorCode.MEDIA_INVALID, "Duration, width and height cannot be negative");
        }
        if (in.getWaveform().size() > MAX_WAVEFORM) {
            throw new ApiException(
                    ErrorCode.MEDIA_INVALID, "A waveform has at most " + MAX_WAVEFORM + " bytes");
        }
        if (in.getTitle().length() > MAX_TEXT || in.getPerformer().length() > MAX_TEXT) {
            throw new ApiException(
                    ErrorCode.MEDIA_INVALID,
                    "Title and performer have at most " + MAX_TEXT + " characters");
        }
    }

    private CompletableFuture<Source> source(long me, String uploadId) {
        return store.read(
                tx ->
                        tx.uploads()
                                .get(uploadId)
                                .filter(u -> u.userId() == me && u.finished())
                                .flatMap(u -> tx.files().get(u.fileId()).map(f -> new Source(u, f)))
                                .orElseThrow(
                                        () ->
                                                new ApiException(
                                                        ErrorCode.MEDIA_INVALID,
                                                        "No finished upload of yours by that id")));
    }

    private Attachment build(InputMedia in, long groupedId, Source main, Source poster) {
        List<String> uploads = new ArrayList<>(List.of(main.upload().id()));
        List<String> files = new ArrayList<>();
        Media.Builder m = Media.newBuilder().setKind(in.getKind());
        switch (in.getKind()) {
            case PHOTO, STICKER -> {
                Cleaned c = clean(main.file(), in.getKind() == MediaKind.PHOTO);
                if (in.getKind() == MediaKind.STICKER
                        && Math.max(c.file().width(), c.file().height()) > MAX_STICKER_SIDE) {
                    throw new ApiException(
                            ErrorCode.IMAGE_INVALID,
                            "A sticker is at most " + MAX_STICKER_SIDE + " pixels a side");
                }
                m.setFile(ref(c.file(), ""))
                        .setWidth(c.file().width())
                        .setHeight(c.file().height())
                        .addAllThumbnails(c.thumbnails());
                files.add(c.file().id());
            }
            case VIDEO -> {
                m.setFile(ref(main.file(), main.file().name()))
                        .setDuration(in.getDuration())
                        .setWidth(in.getWidth())
                        .setHeight(in.getHeight());
                files.add(main.file().id());
                if (poster != null) {
                    Cleaned c = clean(poster.file(), true);
                    m.setPoster(ref(c.file(), "")).addAllThumbnails(c.thumbnails());
                    files.add(c.file().id());
                    uploads.add(poster.upload().id());
                }
            }
            case VOICE -> {
                m.setFile(ref(main.file(), main.file().name()))
                        .setDuration(in.getDuration())
                        .setWaveform(in.getWaveform());
                files.add(main.file().id());
            }
            case AUDIO -> {
                m.setFile(ref(main.file(), main.file().name()))
                        .setDuration(in.getDuration())
                        .setTitle(in.getTitle())
                        .setPerformer(in.getPerformer());
                files.add(main.file().id());
            }
            default -> {
                m.setFile(ref(main.file(), main.file().name()));
                files.add(main.file().id());
            }
        }
        return new Attachment(m.build(), groupedId, files, uploads);
    }

    /**
     * A file the caller can see, sent again: the same file counted once more, nothing copied (like
     * a forward). A photo or sticker must be one the server cleaned (only those are measured).
     */
    private static Attachment reuse(StoreTx tx, long me, InputMedia in, long groupedId) {
        FileRecord f =
                tx.files()
                        .get(in.getFileId())
                        .filter(x -> tx.files().visibleTo(x.id(), me))
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                ErrorCode.MEDIA_INVALID,
                                                "No file by that id that you can see"));
        Media.Builder m = Media.newBuilder().setKind(in.getKind());
        switch (in.getKind()) {
            case PHOTO, STICKER -> {
                if (f.width() == 0 || !f.mime().startsWith("image/")) {
                    throw new ApiException(ErrorCode.IMAGE_INVALID, "Not a photo");
                }
                m.setFile(ref(f, "")).setWidth(f.width()).setHeight(f.height());
                if (in.getKind() == MediaKind.PHOTO) {
                    tx.files().thumbs(f.id()).stream()
                            .map(
                                    t ->
                                            org.chapar.protocol.Thumbnail.newBuilder()
                                                    .setType(t.type())
                                                    .setWidth(t.width())
                                                    .setHeight(t.height())
                                                    .setSize(t.size())
                                                    .build())
                            .sorted(
                                    Comparator.comparingInt(
                                            org.chapar.protocol.Thumbnail::getWidth))
                            .forEach(m::addThumbnails);
                }
            }
            case VIDEO ->
                    m.setFile(ref(f, f.name()))
                            .setDuration(in.getDuration())
                            .setWidth(in.getWidth())
                            .setHeight(in.getHeight());
            case VOICE ->
                    m.setFile(ref(f, f.name()))
                            .setDuration(in.getDuration())
                            .setWaveform(in.getWaveform());
            case AUDIO ->
                    m.setFile(ref(f, f.name()))
                            .setDuration(in.getDuration())
                            .setTitle(in.getTitle())
                            .setPerformer(in.getPerformer());
            default -> m.setFile(ref(f, f.name()));
        }
        return new Attachment(m.build(), groupedId, List.of(f.id()), List.of());
    }

    private static FileRef ref(FileRecord f, String name) {
        return FileRef.newBuilder()
                .setId(f.id())
                .setSize(f.size())
                .setMimeType(f.mime())
                .setName(name)
                .build();
    }

    /** A clean photo stored as a new file, and its thumbnails. */
    private record Cleaned(FileRecord file, List<org.chapar.protocol.Thumbnail> thumbnails) {}

    private Cleaned clean(FileRecord raw, boolean withThumbnails) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(work), "clean-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cleaning.acquireUninterruptibly();
        try {
            Path source = local(raw, dir);
            Path target = dir.resolve("clean");
            CleanPhoto photo = photos.clean(source, target);
            List<Thumbnail> thumbs =
                    withThumbnails
                            ? photos.thumbnails(
                                    target, Files.createDirectory(dir.resolve("thumbs")))
                            : List.of();
            String fileId = Content.newId();
            Content.Stored clean = content.put(target, Content.sha256(target));
            List<Content.Stored> stored = new ArrayList<>();
            for (Thumbnail t : thumbs) {
                stored.add(content.put(t.path(), Content.sha256(t.path())));
            }
            FileRecord file =
                    new FileRecord(
                            fileId,
                            clean.sha256(),
                            clean.key(),
                            clean.size(),
                            photo.mime(),
                            "",
                            photo.width(),
                            photo.height(),
                            clock.millis(),
                            0);
            store.write(
                            tx -> {
                                tx.files().adoptBlob(clean.sha256(), clean.key(), clean.size());
                                tx.files().create(file);
                                for (int i = 0; i < thumbs.size(); i++) {
                                    Thumbnail t = thumbs.get(i);
                                    Content.Stored s = stored.get(i);
                                    tx.files().adoptBlob(s.sha256(), s.key(), s.size());
                                    tx.files()
                                            .addThumb(
                                                    new ThumbRecord(
                                                            fileId,
                                                            t.size(),
                                                            s.sha256(),
                                                            s.key(),
                                                            t.width(),
                                                            t.height(),
                                                            s.size()));
                                }
                                return null;
                            })
                    .join();
            content.purge();
            List<org.chapar.protocol.Thumbnail> views = new ArrayList<>();
            for (int i = thumbs.size() - 1; i >= 0; i--) { // smallest first
                Thumbnail t = thumbs.get(i);
                views.add(
                        org.chapar.protocol.Thumbnail.newBuilder()
                                .setType(t.size())
                                .setWidth(t.width())
                                .setHeight(t.height())
                                .setSize(stored.get(i).size())
                                .build());
            }
            views.sort(Comparator.comparingInt(org.chapar.protocol.Thumbnail::getWidth));
            return new Cleaned(file, views);
        } catch (ImageRejected e) {
            throw new ApiException(ErrorCode.IMAGE_INVALID, "Not a photo: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            cleaning.release();
            deleteTree(dir);
        }
    }

    /** The raw upload as a local file: the blob itself when local, else a copy in {@code dir}. */
    private Path local(FileRecord raw, Path dir) throws IOException {
        var file = content.blobs().localFile(raw.blobKey());
        if (file.isPresent()) {
            return file.get();
        }
        Path copy = dir.resolve("raw");
        try (InputStream in = content.blobs().open(raw.blobKey(), 0, raw.size())) {
            Files.copy(in, copy);
        }
        return copy;
    }

    @Override
    public void released() {
        content.purge();
    }

    @Override
    public void settle(Attachment a) {
        store.write(
                        tx -> {
                            a.fileIds().forEach(tx.files()::purgeIfUnused);
                            return null;
                        })
                .thenCompose(v -> content.purge());
    }

    private static <T> CompletableFuture<T> failed(ErrorCode code, String message) {
        return CompletableFuture.failedFuture(new ApiException(code, message));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
