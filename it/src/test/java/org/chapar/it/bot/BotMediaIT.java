package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotMedia.assertBadRequest;
import static org.chapar.it.bot.BotMedia.downloadAs;
import static org.chapar.it.bot.BotMedia.encode;
import static org.chapar.it.bot.BotMedia.hasGps;
import static org.chapar.it.bot.BotMedia.jpegWithGps;
import static org.chapar.it.bot.BotMedia.picture;
import static org.chapar.it.bot.BotMedia.received;
import static org.chapar.it.bot.BotMedia.sendPhoto;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.it.media.Tus;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Part;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The Bot API's media methods over HTTP, in multipart (files, attach://) and JSON (file_id): each
 * kind sent and seen by the user, photos cleaned of GPS, file_ids sending the same file again
 * without copying it, albums as Telegram allows them. Users download through their own session.
 */
class BotMediaIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void aPhotoSentByMultipartIsCleanedOfGpsAndTheUserSeesItWithItsSizes() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "snap");
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        byte[] jpeg = jpegWithGps(400, 300);
        assertThat(hasGps(jpeg)).isTrue();

        JsonNode msg = sendPhoto(bot, alice.id(), jpeg);
        JsonNode sizes = msg.get("photo");
        // thumbnails s (90 px) and m (320), then the photo itself, smallest first
        assertThat(sizes).hasSize(3);
        assertThat(sizes.get(0).get("width").asInt()).isEqualTo(90);
        assertThat(sizes.get(1).get("width").asInt()).isEqualTo(320);
        assertThat(sizes.get(2).get("width").asInt()).isEqualTo(400);
        assertThat(sizes.get(2).get("height").asInt()).isEqualTo(300);
        for (JsonNode s : sizes) {
            assertThat(s.get("file_id").asText()).matches("[A-Za-z0-9_-]{47}");
            assertThat(s.get("file_unique_id").asText()).matches("[A-Za-z0-9_-]{16}");
            assertThat(s.get("file_size").asLong()).isPositive();
        }
        assertThat(msg.get("caption").asText()).isEqualTo("Look here");
        assertThat(msg.has("text")).isFalse();
        assertThat(msg.get("caption_entities").get(0).get("type").asText()).isEqualTo("bold");

        Message got = received(alice, bot, MediaKind.PHOTO);
        assertThat(got.getText()).isEqualTo("Look here");
        assertThat(got.getMedia().getWidth()).isEqualTo(400);
        assertThat(got.getMedia().getFile().getSize())
                .isEqualTo(sizes.get(2).get("file_size").asLong());
        byte[] seen = downloadAs(alice, got.getMedia().getFile().getId());
        assertThat(ImageIO.read(new ByteArrayInputStream(seen)).getWidth()).isEqualTo(400);
        assertThat(hasGps(seen)).isFalse();

        // the bot downloads the same clean bytes by getFile, and a thumbnail too
        JsonNode file =
                bot.api().call("getFile", Map.of("file_id", sizes.get(2).get("file_id"))).result();
        assertThat(file.get("file_path").asText()).startsWith("photos/").endsWith(".jpg");
        assertThat(file.get("file_size").asLong()).isEqualTo(seen.length);
        assertThat(file.get("file_unique_id")).isEqualTo(sizes.get(2).get("file_unique_id"));
        HttpResponse<byte[]> bytes = bot.api().download(file.get("file_path").asText());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(seen);
        JsonNode thumb =
                bot.api().call("getFile", Map.of("file_id", sizes.get(0).get("file_id"))).result();
        assertThat(thumb.get("file_path").asText()).startsWith("thumbnails/");
        HttpResponse<byte[]> small = bot.api().download(thumb.get("file_path").asText());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(small.body())).getWidth()).isEqualTo(90);
    }

    @Test
    void aFileIdSendsTheSameFileAgainWithoutCopyingAndKeepsItsKind() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestBot bot = server.newBot(alice, "again");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        JsonNode first = sendPhoto(bot, alice.id(), jpegWithGps(200, 150));
        Message original = received(alice, bot, MediaKind.PHOTO);

        ChatRequests chats = new ChatRequests(alice.client());
        long group =
                chats.createChat(ChatKind.SUPERGROUP, "Album", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(group, List.of(bot.user(), bob.user())).join();
        long chatId = -1_000_000_000_000L - group;
        // JSON, any size's file_id: the whole photo again, the same file (nothing copied)
        BotHttp.Reply again =
                api.call(
                        "sendPhoto",
                        Map.of(
                                "chat_id",
                                chatId,
                                "photo",
                                first.get("photo").get(0).get("file_id").asText(),
                                "caption",
                                "again"));
        assertThat(again.ok()).as(again.body().toString()).isTrue();
        JsonNode sizes = again.result().get("photo");
        assertThat(sizes).hasSize(first.get("photo").size());
        assertThat(sizes.get(sizes.size() - 1).get("file_unique_id"))
                .isEqualTo(
                        first.get("photo")
                                .get(first.get("photo").size() - 1)
                                .get("file_unique_id"));
        Message inGroup = received(bob, bot, MediaKind.PHOTO);
        assertThat(inGroup.getMedia().getFile().getId())
                .isEqualTo(original.getMedia().getFile().getId());
        assertThat(inGroup.getMedia().getThumbnailsCount())
                .isEqualTo(original.getMedia().getThumbnailsCount());

        // copyMessage of a media message shares the file too
        BotHttp.Reply copy =
                api.call(
                        "copyMessage",
                        Map.of(
                                "chat_id", alice.id(),
                                "from_chat_id", chatId,
                                "message_id", again.result().get("message_id").asLong()));
        assertThat(copy.ok()).as(copy.body().toString()).isTrue();
        Message copied =
                alice.updates()
                        .awaitOne(
                                u ->
                                        u.hasNewMessage()
                                                && u.getNewMessage().getMessage().getId()
                                                        == copy.result().get("message_id").asLong())
                        .getNewMessage()
                        .getMessage();
        assertThat(copied.getMedia().getFile().getId())
                .isEqualTo(original.getMedia().getFile().getId());
        assertThat(copied.getText()).isEqualTo("again");

        // editMessageCaption changes the caption, not the file
        BotHttp.Reply edited =
                api.call(
                        "editMessageCaption",
                        Map.of(
                                "chat_id",
                                chatId,
                                "message_id",
                                again.result().get("message_id").asLong(),
                                "caption",
                                "<i>new</i>",
                                "parse_mode",
                                "HTML"));
        assertThat(edited.ok()).as(edited.body().toString()).isTrue();
        assertThat(edited.result().get("caption").asText()).isEqualTo("new");
        assertThat(edited.result().get("photo")).isEqualTo(sizes);

        // a file cannot change its type, and a thumbnail of a video is not sendable
        String photoId = first.get("photo").get(0).get("file_id").asText();
        assertBadRequest(
                api.call("sendDocument", Map.of("chat_id", alice.id(), "document", photoId)),
                "can't use file of type Photo as Document");
    }

    @Test
    void videoVoiceAudioAndDocumentReachTheUserWithTheirFields() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "kinds");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        byte[] mp4 = Tus.bytes(5_000, 1);
        JsonNode video =
                api.upload(
                                "sendVideo",
                                Map.of(
                                        "chat_id", alice.id(),
                                        "duration", 12,
                                        "width", 640,
                                        "height", 360,
                                        "thumbnail", "attach://poster"),
                                Map.of(
                                        "video", new Part("clip.mp4", "video/mp4", mp4),
                                        "poster",
                                                new Part(
                                                        "p.png",
                                                        "image/png",
                                                        encode(picture(320, 180), "png"))))
                        .result()
                        .get("video");
        assertThat(video.get("duration").asInt()).isEqualTo(12);
        assertThat(video.get("width").asInt()).isEqualTo(640);
        assertThat(video.get("file_name").asText()).isEqualTo("clip.mp4");
        assertThat(video.get("mime_type").asText()).isEqualTo("video/mp4");
        assertThat(video.get("file_size").asLong()).isEqualTo(5_000);
        assertThat(video.get("thumbnail").get("width").asInt()).isLessThanOrEqualTo(320);
        Message v = received(alice, bot, MediaKind.VIDEO);
        assertThat(v.getMedia().getDuration()).isEqualTo(12);
        assertThat(v.getMedia().hasPoster()).isTrue();
        assertThat(downloadAs(alice, v.getMedia().getFile().getId())).isEqualTo(mp4);

        byte[] ogg = Tus.bytes(3_000, 2);
        JsonNode voice =
                api.upload(
                                "sendVoice",
                                Map.of("chat_id", alice.id(), "duration", 4),
                                Map.of("voice", new Part("v.ogg", "audio/ogg", ogg)))
                        .result()
                        .get("voice");
        assertThat(voice.get("duration").asInt()).isEqualTo(4);
        assertThat(voice.get("mime_type").asText()).isEqualTo("audio/ogg");
        assertThat(received(alice, bot, MediaKind.VOICE).getMedia().getDuration()).isEqualTo(4);

        JsonNode audio =
                api.upload(
                                "sendAudio",
                                Map.of(
                                        "chat_id",
                                        alice.id(),
                                        "duration",
                                        200,
                                        "title",
                                        "Song",
                                        "performer",
                                        "Band"),
                                Map.of(
                                        "audio",
                                        new Part("s.mp3", "audio/mpeg", Tus.bytes(4_000, 3))))
                        .result()
                        .get("audio");
        assertThat(audio.get("title").asText()).isEqualTo("Song");
        assertThat(audio.get("performer").asText()).isEqualTo("Band");
        Message a = received(alice, bot, MediaKind.AUDIO);
        assertThat(a.getMedia().getTitle()).isEqualTo("Song");

        byte[] pdf = Tus.bytes(7_000, 4);
        BotHttp.Reply document =
                api.upload(
                        "sendDocument",
                        Map.of(
                                "chat_id", alice.id(),
                                "caption", "the report",
                                "reply_markup",
                                        Map.of(
                                                "inline_keyboard",
                                                List.of(
                                                        List.of(
                                                                Map.of(
                                                                        "text", "Read",
                                                                        "callback_data",
                                                                                "read"))))),
                        Map.of("document", new Part("report.pdf", "application/pdf", pdf)));
        assertThat(document.ok()).as(document.body().toString()).isTrue();
        JsonNode d = document.result();
        assertThat(d.get("document").get("file_name").asText()).isEqualTo("report.pdf");
        assertThat(d.get("document").get("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(d.get("caption").asText()).isEqualTo("the report");
        assertThat(d.get("reply_markup").get("inline_keyboard").get(0).get(0).get("text").asText())
                .isEqualTo("Read");
        Message doc = received(alice, bot, MediaKind.DOCUMENT);
        assertThat(doc.getMedia().getFile().getName()).isEqualTo("report.pdf");
        assertThat(doc.getReplyMarkup().getInlineRowsCount()).isEqualTo(1);
        assertThat(downloadAs(alice, doc.getMedia().getFile().getId())).isEqualTo(pdf);
    }

    @Test
    void sendMediaGroupSendsAlbumsAsTelegramAllowsThem() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "albums");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        BotHttp.Reply album =
                api.upload(
                        "sendMediaGroup",
                        Map.of(
                                "chat_id", alice.id(),
                                "media",
                                        List.of(
                                                Map.of(
                                                        "type", "photo",
                                                        "media", "attach://one",
                                                        "caption", "two things"),
                                                Map.of(
                                                        "type", "video",
                                                        "media", "attach://two",
                                                        "duration", 3))),
                        Map.of(
                                "one", new Part("1.jpg", "image/jpeg", jpegWithGps(120, 90)),
                                "two", new Part("2.mp4", "video/mp4", Tus.bytes(900, 5))));
        assertThat(album.ok()).as(album.body().toString()).isTrue();
        JsonNode items = album.result();
        assertThat(items).hasSize(2);
        String group = items.get(0).get("media_group_id").asText();
        assertThat(group).isNotEmpty();
        assertThat(items.get(1).get("media_group_id").asText()).isEqualTo(group);
        assertThat(items.get(0).get("caption").asText()).isEqualTo("two things");
        assertThat(items.get(0).has("photo")).isTrue();
        assertThat(items.get(1).get("video").get("duration").asInt()).isEqualTo(3);
        Message photo = received(alice, bot, MediaKind.PHOTO);
        Message video = received(alice, bot, MediaKind.VIDEO);
        assertThat(photo.getGroupedId()).isNotZero().isEqualTo(video.getGroupedId());
        assertThat(hasGps(downloadAs(alice, photo.getMedia().getFile().getId()))).isFalse();

        // documents only, by file_id in JSON
        List<String> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            docs.add(
                    api.upload(
                                    "sendDocument",
                                    Map.of("chat_id", alice.id()),
                                    Map.of(
                                            "document",
                                            new Part(
                                                    "d" + i + ".bin",
                                                    "application/octet-stream",
                                                    Tus.bytes(100, 10 + i))))
                            .result()
                            .get("document")
                            .get("file_id")
                            .asText());
        }
        BotHttp.Reply documents =
                api.call(
                        "sendMediaGroup",
                        Map.of(
                                "chat_id", alice.id(),
                                "media",
                                        List.of(
                                                Map.of("type", "document", "media", docs.get(0)),
                                                Map.of("type", "document", "media", docs.get(1)))));
        assertThat(documents.ok()).as(documents.body().toString()).isTrue();
        assertThat(documents.result().get(0).get("document").get("file_id").asText())
                .isEqualTo(docs.get(0));

        String photoId = items.get(0).get("photo").get(0).get("file_id").asText();
        assertBadRequest(
                api.call(
                        "sendMediaGroup",
                        Map.of(
                                "chat_id", alice.id(),
                                "media",
                                        List.of(
                                                Map.of("type", "document", "media", docs.get(0)),
                                                Map.of("type", "photo", "media", photoId)))),
                "document can't be mixed with other media types");
        assertBadRequest(
                api.call(
                        "sendMediaGroup",
                        Map.of(
                                "chat_id",
                                alice.id(),
                                "media",
                                List.of(Map.of("type", "photo", "media", photoId)))),
                "media must be an Array of 2-10 InputMedia");
        List<Map<String, String>> eleven =
                java.util.Collections.nCopies(11, Map.of("type", "photo", "media", photoId));
        assertBadRequest(
                api.call("sendMediaGroup", Map.of("chat_id", alice.id(), "media", eleven)),
                "media must be an Array of 2-10 InputMedia");
    }
}
