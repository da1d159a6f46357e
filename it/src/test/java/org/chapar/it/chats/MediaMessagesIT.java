package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import com.google.protobuf.ByteString;

import org.chapar.it.media.Tus;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.FileUrl;
import org.chapar.protocol.GetFileUrl;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Media messages through the one conversation model: kinds, captions, albums, send_media, who may
 * download (members yes; removed members, banned subscribers and strangers no), signed URLs,
 * forwards sharing the file, and purge of the file from disk with the last message using it.
 */
class MediaMessagesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    final Tus tus = new Tus(server);
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 4, h / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static InputMedia media(MediaKind kind, String uploadId) {
        return InputMedia.newBuilder().setKind(kind).setUploadId(uploadId).build();
    }

    CompletableFuture<SentMessage> send(
            TestUser u, Peer to, InputMedia m, String caption, long groupedId) {
        return u.client().sendMedia(to, m, caption, groupedId);
    }

    HttpResponse<byte[]> get(String path, TestUser as, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.httpUri(path));
        if (as != null) {
            b.header("Authorization", "Bearer " + as.token());
        }
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String file(Message m) {
        return "/media/files/" + m.getMedia().getFile().getId();
    }

    long blobs(long size) {
        try (Stream<Path> all = Files.walk(server.dataDir().resolve("media/blobs"))) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp"))
                    .filter(p -> p.toFile().length() == size)
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDocumentInAPrivateChatIsDownloadedByRangesByItsPartiesOnly() throws Exception {
        TestUser alice = server.newUser("med_doc_a");
        TestUser bob = server.newUser("med_doc_b");
        TestUser eve = server.newUser("med_doc_e");
        byte[] data = Tus.bytes(70_000, 21);
        String upload =
                tus.upload(
                        alice,
                        data,
                        "filename "
                                + Tus.b64("Bericht \u00fcber \"Z\u00fcrich\".pdf")
                                + ",filetype "
                                + Tus.b64("application/pdf"));
        SentMessage sent =
                send(alice, bob.peer(), media(MediaKind.DOCUMENT, upload), "the report", 0).join();
        Message m = sent.getMessage();
        assertThat(m.getText()).isEqualTo("the report");
        assertThat(m.getMedia().getKind()).isEqualTo(MediaKind.DOCUMENT);
        assertThat(m.getMedia().getFile().getSize()).isEqualTo(70_000);
        assertThat(m.getMedia().getFile().getMimeType()).isEqualTo("application/pdf");
        assertThat(m.getMedia().getFile().getName()).isEqualTo("Bericht \u00fcber Z\u00fcrich.pdf");
        assertThat(m.getMedia().getFile().getId()).matches("[A-Za-z0-9_-]{22}");

        HttpResponse<byte[]> whole = get(file(m), bob, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(whole.headers().firstValue("Content-Length")).hasValue("70000");
        assertThat(whole.headers().firstValue("Cache-Control")).hasValue("private, max-age=3600");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Disposition"))
                .hasValue(
                        "attachment; filename=\"Bericht _ber Z_rich.pdf\"; "
                                + "filename*=UTF-8''Bericht%20%C3%BCber%20Z%C3%BCrich.pdf");
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> part = get(file(m), bob, "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/70000");
        assertThat(get(file(m), alice, "bytes=-10").body())
                .isEqualTo(Arrays.copyOfRange(data, 69_990, 70_000));
        assertThat(get(file(m), alice, "bytes=69000-").body())
                .isEqualTo(Arrays.copyOfRange(data, 69_000, 70_000));
        HttpResponse<byte[]> past = get(file(m), bob, "bytes=70000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */70000");

        HttpResponse<byte[]> same =
                http.send(
                        HttpRequest.newBuilder(server.httpUri(file(m)))
                                .header("Authorization", "Bearer " + bob.token())
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);

        assertThat(get(file(m), eve, null).statusCode()).isEqualTo(404);
        assertThat(get(file(m), null, null).statusCode()).isEqualTo(401);
        assertThat(get("/media/files/AAAAAAAAAAAAAAAAAAAAAA", bob, null).statusCode())
                .isEqualTo(404);

        // the upload is used up: a second message cannot take it
        assertFails(
                send(alice, bob.peer(), media(MediaKind.DOCUMENT, upload), "", 0),
                ErrorCode.MEDIA_INVALID);
    }

    @Test
    void aPhotoIsMeasuredAndThumbnailedAndLiesAboutImagesAreRefused() throws Exception {
        TestUser alice = server.newUser("med_photo_a");
        TestUser bob = server.newUser("med_photo_b");
        String upload = tus.upload(alice, png(1000, 600), "filename " + Tus.b64("IMG_0001.png"));
        Message m =
                send(alice, bob.peer(), media(MediaKind.PHOTO, upload), "", 0).join().getMessage();
        Media media = m.getMedia();
        assertThat(media.getWidth()).isEqualTo(1000);
        assertThat(media.getHeight()).isEqualTo(600);
        assertThat(media.getFile().getMimeType()).isEqualTo("image/png");
        assertThat(media.getFile().getName()).isEmpty();
        assertThat(media.getThumbnailsList()).extracting(t -> t.getType()).contains("s", "m", "x");
        HttpResponse<byte[]> photo = get(file(m), bob, null);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(photo.body())).getWidth())
                .isEqualTo(1000);
        assertThat(photo.headers().firstValue("Content-Disposition")).hasValue("inline");
        HttpResponse<byte[]> thumb = get(file(m) + "/thumbs/m", bob, null);
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumb.body())).getWidth())
                .isEqualTo(320);

        String text = tus.upload(alice, "not a picture at all".getBytes(), null);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.PHOTO, text), "", 0),
                ErrorCode.IMAGE_INVALID);
        String big = tus.upload(alice, png(600, 600), null);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.STICKER, big), "", 0),
                ErrorCode.IMAGE_INVALID);
    }

    @Test
    void captionsKindsAndAlbumsHaveTheirLimits() throws Exception {
        TestUser alice = server.newUser("med_lim_a");
        TestUser bob = server.newUser("med_lim_b");
        TestUser eve = server.newUser("med_lim_e");
        String u = tus.upload(alice, Tus.bytes(100, 1), null);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.DOCUMENT, u), "x".repeat(1025), 0),
                ErrorCode.MEDIA_CAPTION_TOO_LONG);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.MEDIA_KIND_UNSPECIFIED, u), "", 0),
                ErrorCode.MEDIA_INVALID);
        assertFails(
                send(eve, bob.peer(), media(MediaKind.DOCUMENT, u), "", 0),
                ErrorCode.MEDIA_INVALID);
        InputMedia voice =
                media(MediaKind.VOICE, u).toBuilder()
                        .setDuration(3)
                        .setWaveform(com.google.protobuf.ByteString.copyFrom(new byte[101]))
                        .build();
        assertFails(send(alice, bob.peer(), voice, "", 0), ErrorCode.MEDIA_INVALID);
        Message v =
                send(
                                alice,
                                bob.peer(),
                                voice.toBuilder()
                                        .setWaveform(
                                                com.google.protobuf.ByteString.copyFrom(
                                                        new byte[] {1, 9, 30}))
                                        .build(),
                                "",
                                0)
                        .join()
                        .getMessage();
        assertThat(v.getMedia().getDuration()).isEqualTo(3);
        assertThat(v.getMedia().getWaveform().toByteArray()).containsExactly(1, 9, 30);

        long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            String p = tus.upload(alice, png(50 + i, 40), null);
            assertThat(
                            send(alice, bob.peer(), media(MediaKind.PHOTO, p), "", album)
                                    .join()
                                    .getMessage()
                                    .getGroupedId())
                    .isEqualTo(album);
        }
        String eleventh = tus.upload(alice, png(70, 40), null);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.PHOTO, eleventh), "", album),
                ErrorCode.MEDIA_GROUP_INVALID);

        // albums as Telegram's: photos and videos mixed, or documents only, or audio only
        assertFails(
                send(
                        alice,
                        bob.peer(),
                        voice.toBuilder().setWaveform(ByteString.EMPTY).build(),
                        "",
                        77),
                ErrorCode.MEDIA_GROUP_INVALID);
        long docs = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        for (int i = 0; i < 2; i++) {
            String d = tus.upload(alice, Tus.bytes(100, 40 + i), null);
            assertThat(
                            send(alice, bob.peer(), media(MediaKind.DOCUMENT, d), "", docs)
                                    .join()
                                    .getMessage()
                                    .getGroupedId())
                    .isEqualTo(docs);
        }
        assertFails(
                send(alice, bob.peer(), media(MediaKind.PHOTO, eleventh), "", docs),
                ErrorCode.MEDIA_GROUP_INVALID);
        long photos = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        send(alice, bob.peer(), media(MediaKind.PHOTO, eleventh), "", photos).join();
        String doc = tus.upload(alice, Tus.bytes(100, 50), null);
        assertFails(
                send(alice, bob.peer(), media(MediaKind.DOCUMENT, doc), "", photos),
                ErrorCode.MEDIA_GROUP_INVALID);
    }

    @Test
    void sendMediaRestrictionIsEnforcedAndRemovedMembersCannotDownload() throws Exception {
        TestUser owner = server.newUser("med_grp_o");
        TestUser bob = server.newUser("med_grp_b");
        TestUser carol = server.newUser("med_grp_c");
        long chat = Chats.create(owner, ChatKind.GROUP, "Media", "", bob, carol).getChat().getId();
        Chats.restrict(owner, chat, bob, Restrictions.newBuilder().setSendMedia(true).build(), 0)
                .join();
        String bobs = tus.upload(bob, Tus.bytes(500, 2), null);
        assertFails(
                send(bob, Chats.peer(chat), media(MediaKind.DOCUMENT, bobs), "", 0),
                ErrorCode.CHAT_SEND_MEDIA_FORBIDDEN);
        assertThat(Chats.send(bob, chat, "text still goes").join().getMessage().getId())
                .isPositive();
        String carols = tus.upload(carol, Tus.bytes(500, 3), null);
        Message m =
                send(carol, Chats.peer(chat), media(MediaKind.DOCUMENT, carols), "", 0)
                        .join()
                        .getMessage();
        assertThat(get(file(m), bob, null).statusCode()).isEqualTo(200);
        Chats.restrict(owner, chat, bob, Chats.banned(), 0).join();
        assertThat(get(file(m), bob, null).statusCode()).isEqualTo(404);
        assertThat(get(file(m), owner, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBannedChannelSubscriberCannotDownloadNorGetASignedUrl() throws Exception {
        TestUser owner = server.newUser("med_chan_o");
        TestUser sub = server.newUser("med_chan_s");
        long chat = Chats.create(owner, ChatKind.CHANNEL, "Pics", "", sub).getChat().getId();
        String up = tus.upload(owner, png(200, 100), null);
        Message m =
                send(owner, Chats.peer(chat), media(MediaKind.PHOTO, up), "sunset", 0)
                        .join()
                        .getMessage();
        FileUrl url = fileUrl(sub, m.getMedia().getFile().getId(), "");
        assertThat(get(url.getUrl(), null, null).statusCode()).isEqualTo(200);
        assertThat(get(url.getUrl().replace("sig=", "sig=x"), null, null).statusCode())
                .isEqualTo(404);
        assertThat(
                        get(
                                        url.getUrl()
                                                .replace(
                                                        m.getMedia().getFile().getId(),
                                                        "AAAAAAAAAAAAAAAAAAAAAA"),
                                        null,
                                        null)
                                .statusCode())
                .isEqualTo(404);
        assertThat(
                        get(fileUrl(sub, m.getMedia().getFile().getId(), "s").getUrl(), null, null)
                                .statusCode())
                .isEqualTo(200);

        Chats.restrict(owner, chat, sub, Chats.banned(), 0).join();
        assertThat(get(file(m), sub, null).statusCode()).isEqualTo(404);
        assertFails(
                sub.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetFileUrl(
                                                GetFileUrl.newBuilder()
                                                        .setFileId(
                                                                m.getMedia().getFile().getId()))),
                ErrorCode.FILE_NOT_FOUND);
    }

    FileUrl fileUrl(TestUser u, String fileId, String thumb) {
        ServerFrame f =
                u.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetFileUrl(
                                                GetFileUrl.newBuilder()
                                                        .setFileId(fileId)
                                                        .setThumbnail(thumb)))
                        .join();
        return f.getFileUrl();
    }

    /** A forward shares the file; only deleting the last message using it purges it from disk. */
    @Test
    void forwardsShareTheFileAndTheLastDeletePurgesItFromDisk() throws Exception {
        TestUser alice = server.newUser("med_fwd_a");
        TestUser bob = server.newUser("med_fwd_b");
        TestUser carol = server.newUser("med_fwd_c");
        long chat = Chats.create(alice, ChatKind.GROUP, "Fwd", "", bob).getChat().getId();
        byte[] data = Tus.bytes(123_457, 77);
        String up = tus.upload(alice, data, "filename " + Tus.b64("a.bin"));
        Message original =
                send(alice, Chats.peer(chat), media(MediaKind.DOCUMENT, up), "", 0)
                        .join()
                        .getMessage();
        Message copy = Chats.forward(bob, chat, original.getId(), carol.peer()).join().getMessage();
        assertThat(copy.getMedia().getFile().getId())
                .isEqualTo(original.getMedia().getFile().getId());
        assertThat(blobs(data.length)).isEqualTo(1);
        assertThat(get(file(copy), carol, null).body()).isEqualTo(data);

        Chats.delete(alice, chat, original.getId()).join();
        assertThat(get(file(copy), carol, null).statusCode()).isEqualTo(200);
        assertThat(get(file(copy), alice, null).statusCode()).isEqualTo(404);
        assertThat(blobs(data.length)).isEqualTo(1);

        bob.client().deleteMessages(carol.peer(), List.of(copy.getId()), true).join();
        eventually(() -> blobs(data.length) == 0);
        assertThat(get(file(copy), carol, null).statusCode()).isEqualTo(404);
    }

    /** A photo's clean copy and its thumbnails leave the disk with the message. */
    @Test
    void deletingAPhotoPurgesItAndItsThumbnails() throws Exception {
        TestUser alice = server.newUser("med_del_a");
        TestUser bob = server.newUser("med_del_b");
        String up = tus.upload(alice, png(900, 500), null);
        Message m = send(alice, bob.peer(), media(MediaKind.PHOTO, up), "", 0).join().getMessage();
        long size = m.getMedia().getFile().getSize();
        long thumbSize = m.getMedia().getThumbnails(0).getSize();
        assertThat(blobs(size)).isEqualTo(1);
        assertThat(blobs(thumbSize)).isEqualTo(1);
        alice.client().deleteMessages(bob.peer(), List.of(m.getId()), true).join();
        eventually(() -> blobs(size) == 0 && blobs(thumbSize) == 0);
        try (var c =
                        java.sql.DriverManager.getConnection(
                                "jdbc:sqlite:" + server.dataDir().resolve("chapar.db"));
                var st =
                        c.prepareStatement(
                                "SELECT (SELECT count(*) FROM files WHERE id = ?) "
                                        + "+ (SELECT count(*) FROM file_thumbs WHERE file_id = ?) "
                                        + "+ (SELECT count(*) FROM uploads WHERE id = ?)")) {
            String id = m.getMedia().getFile().getId();
            st.setString(1, id);
            st.setString(2, id);
            st.setString(3, up);
            try (var rs = st.executeQuery()) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
