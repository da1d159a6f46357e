package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import com.google.protobuf.ByteString;

import org.chapar.it.media.Tus;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

/**
 * Media messages through the one conversation model: kinds, captions, albums, forwards sharing the
 * file, and purge of the file from disk with the last message using it. Who may download is {@link
 * MediaAccessIT}'s.
 */
class MediaMessagesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    final MediaChat files = new MediaChat(server);

    @Test
    void aPhotoIsMeasuredAndThumbnailedAndLiesAboutImagesAreRefused() throws Exception {
        TestUser alice = server.newUser("med_photo_a");
        TestUser bob = server.newUser("med_photo_b");
        String upload =
                files.tus.upload(
                        alice, MediaChat.png(1000, 600), "filename " + Tus.b64("IMG_0001.png"));
        Message m =
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, upload), "", 0)
                        .join()
                        .getMessage();
        Media media = m.getMedia();
        assertThat(media.getWidth()).isEqualTo(1000);
        assertThat(media.getHeight()).isEqualTo(600);
        assertThat(media.getFile().getMimeType()).isEqualTo("image/png");
        assertThat(media.getFile().getName()).isEmpty();
        assertThat(media.getThumbnailsList()).extracting(t -> t.getType()).contains("s", "m", "x");
        HttpResponse<byte[]> photo = files.get(MediaChat.file(m), bob, null);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(photo.body())).getWidth())
                .isEqualTo(1000);
        assertThat(photo.headers().firstValue("Content-Disposition")).hasValue("inline");
        HttpResponse<byte[]> thumb = files.get(MediaChat.file(m) + "/thumbs/m", bob, null);
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumb.body())).getWidth())
                .isEqualTo(320);

        String text = files.tus.upload(alice, "not a picture at all".getBytes(), null);
        assertFails(
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, text), "", 0),
                ErrorCode.IMAGE_INVALID);
        String big = files.tus.upload(alice, MediaChat.png(600, 600), null);
        assertFails(
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.STICKER, big), "", 0),
                ErrorCode.IMAGE_INVALID);
    }

    @Test
    void captionsKindsAndAlbumsHaveTheirLimits() throws Exception {
        TestUser alice = server.newUser("med_lim_a");
        TestUser bob = server.newUser("med_lim_b");
        TestUser eve = server.newUser("med_lim_e");
        String u = files.tus.upload(alice, Tus.bytes(100, 1), null);
        assertFails(
                files.send(
                        alice,
                        bob.peer(),
                        MediaChat.media(MediaKind.DOCUMENT, u),
                        "x".repeat(1025),
                        0),
                ErrorCode.MEDIA_CAPTION_TOO_LONG);
        assertFails(
                files.send(
                        alice,
                        bob.peer(),
                        MediaChat.media(MediaKind.MEDIA_KIND_UNSPECIFIED, u),
                        "",
                        0),
                ErrorCode.MEDIA_INVALID);
        assertFails(
                files.send(eve, bob.peer(), MediaChat.media(MediaKind.DOCUMENT, u), "", 0),
                ErrorCode.MEDIA_INVALID);
        InputMedia voice =
                MediaChat.media(MediaKind.VOICE, u).toBuilder()
                        .setDuration(3)
                        .setWaveform(com.google.protobuf.ByteString.copyFrom(new byte[101]))
                        .build();
        assertFails(files.send(alice, bob.peer(), voice, "", 0), ErrorCode.MEDIA_INVALID);
        Message v =
                files.send(
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
            String p = files.tus.upload(alice, MediaChat.png(50 + i, 40), null);
            assertThat(
                            files.send(
                                            alice,
                                            bob.peer(),
                                            MediaChat.media(MediaKind.PHOTO, p),
                                            "",
                                            album)
                                    .join()
                                    .getMessage()
                                    .getGroupedId())
                    .isEqualTo(album);
        }
        String eleventh = files.tus.upload(alice, MediaChat.png(70, 40), null);
        assertFails(
                files.send(
                        alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, eleventh), "", album),
                ErrorCode.MEDIA_GROUP_INVALID);

        // albums as Telegram's: photos and videos mixed, or documents only, or audio only
        assertFails(
                files.send(
                        alice,
                        bob.peer(),
                        voice.toBuilder().setWaveform(ByteString.EMPTY).build(),
                        "",
                        77),
                ErrorCode.MEDIA_GROUP_INVALID);
        long docs = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        for (int i = 0; i < 2; i++) {
            String d = files.tus.upload(alice, Tus.bytes(100, 40 + i), null);
            assertThat(
                            files.send(
                                            alice,
                                            bob.peer(),
                                            MediaChat.media(MediaKind.DOCUMENT, d),
                                            "",
                                            docs)
                                    .join()
                                    .getMessage()
                                    .getGroupedId())
                    .isEqualTo(docs);
        }
        assertFails(
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, eleventh), "", docs),
                ErrorCode.MEDIA_GROUP_INVALID);
        long photos = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        files.send(alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, eleventh), "", photos)
                .join();
        String doc = files.tus.upload(alice, Tus.bytes(100, 50), null);
        assertFails(
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.DOCUMENT, doc), "", photos),
                ErrorCode.MEDIA_GROUP_INVALID);
    }

    @Test
    void forwardsShareTheFileAndTheLastDeletePurgesItFromDisk() throws Exception {
        TestUser alice = server.newUser("med_fwd_a");
        TestUser bob = server.newUser("med_fwd_b");
        TestUser carol = server.newUser("med_fwd_c");
        long chat = Chats.create(alice, ChatKind.GROUP, "Fwd", "", bob).getChat().getId();
        byte[] data = Tus.bytes(123_457, 77);
        String up = files.tus.upload(alice, data, "filename " + Tus.b64("a.bin"));
        Message original =
                files.send(alice, Chats.peer(chat), MediaChat.media(MediaKind.DOCUMENT, up), "", 0)
                        .join()
                        .getMessage();
        Message copy = Chats.forward(bob, chat, original.getId(), carol.peer()).join().getMessage();
        assertThat(copy.getMedia().getFile().getId())
                .isEqualTo(original.getMedia().getFile().getId());
        assertThat(files.blobs(data.length)).isEqualTo(1);
        assertThat(files.get(MediaChat.file(copy), carol, null).body()).isEqualTo(data);

        Chats.delete(alice, chat, original.getId()).join();
        assertThat(files.get(MediaChat.file(copy), carol, null).statusCode()).isEqualTo(200);
        assertThat(files.get(MediaChat.file(copy), alice, null).statusCode()).isEqualTo(404);
        assertThat(files.blobs(data.length)).isEqualTo(1);

        bob.client().deleteMessages(carol.peer(), List.of(copy.getId()), true).join();
        MediaChat.eventually(() -> files.blobs(data.length) == 0);
        assertThat(files.get(MediaChat.file(copy), carol, null).statusCode()).isEqualTo(404);
    }

    /** A photo's clean copy and its thumbnails leave the disk with the message. */
    @Test
    void deletingAPhotoPurgesItAndItsThumbnails() throws Exception {
        TestUser alice = server.newUser("med_del_a");
        TestUser bob = server.newUser("med_del_b");
        String up = files.tus.upload(alice, MediaChat.png(900, 500), null);
        Message m =
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.PHOTO, up), "", 0)
                        .join()
                        .getMessage();
        long size = m.getMedia().getFile().getSize();
        long thumbSize = m.getMedia().getThumbnails(0).getSize();
        assertThat(files.blobs(size)).isEqualTo(1);
        assertThat(files.blobs(thumbSize)).isEqualTo(1);
        alice.client().deleteMessages(bob.peer(), List.of(m.getId()), true).join();
        MediaChat.eventually(() -> files.blobs(size) == 0 && files.blobs(thumbSize) == 0);
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
