package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.chapar.it.media.Pictures;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Part;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Map;

/** Images, downloads and assertions shared by the Bot API media tests. */
final class BotMedia {
    static final double LATITUDE = 35.6892;
    static final double LONGITUDE = 51.3890;

    private BotMedia() {}

    static BufferedImage picture(int w, int h) {
        return Pictures.picture(w, h);
    }

    static byte[] encode(BufferedImage img, String format) throws Exception {
        return Pictures.encode(img, format);
    }

    /** A real JPEG whose EXIF holds the place it was taken. */
    static byte[] jpegWithGps(int w, int h) throws Exception {
        TiffOutputSet exif = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
        exif.setGpsInDegrees(LONGITUDE, LATITUDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(encode(picture(w, h), "jpeg"), out, exif);
        return out.toByteArray();
    }

    static boolean hasGps(byte[] image) throws Exception {
        GpsDirectory gps =
                ImageMetadataReader.readMetadata(new ByteArrayInputStream(image))
                        .getFirstDirectoryOfType(GpsDirectory.class);
        return gps != null && gps.getGeoLocation() != null;
    }

    static byte[] downloadAs(TestUser user, String fileId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        user.client().media().download(fileId, 0, out, null);
        return out.toByteArray();
    }

    static Message received(TestUser user, TestBot bot, MediaKind kind) {
        return user.updates()
                .awaitOne(
                        u ->
                                u.hasNewMessage()
                                        && u.getNewMessage().getMessage().getFromId() == bot.id()
                                        && u.getNewMessage().getMessage().getMedia().getKind()
                                                == kind)
                .getNewMessage()
                .getMessage();
    }

    static void assertBadRequest(BotHttp.Reply r, String description) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.ok()).isFalse();
        assertThat(r.description()).isEqualTo("Bad Request: " + description);
    }

    /** A photo upload: the user gets it cleaned, with sizes, caption and entities. */
    static JsonNode sendPhoto(TestBot bot, long chat, byte[] jpeg) {
        BotHttp.Reply r =
                bot.api()
                        .upload(
                                "sendPhoto",
                                Map.of(
                                        "chat_id", chat,
                                        "caption", "<b>Look</b> here",
                                        "parse_mode", "HTML"),
                                Map.of("photo", new Part("trip.jpg", "image/jpeg", jpeg)));
        assertThat(r.ok()).as(r.body().toString()).isTrue();
        return r.result();
    }
}
