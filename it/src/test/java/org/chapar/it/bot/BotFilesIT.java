package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotMedia.assertBadRequest;
import static org.chapar.it.bot.BotMedia.downloadAs;
import static org.chapar.it.bot.BotMedia.encode;
import static org.chapar.it.bot.BotMedia.jpegWithGps;
import static org.chapar.it.bot.BotMedia.picture;
import static org.chapar.it.bot.BotMedia.sendPhoto;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.it.media.Tus;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.server.media.MediaLimits;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Part;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Files and the Bot API: getFile and /file/bot downloads only with this bot's file_id for a file it
 * can see now (both ways), what users send reaching the bot, and Telegram's answers to bad input
 * and to files over its limits (BotMediaIT sends the media).
 */
class BotFilesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** A server whose operator allows uploads of 1 MiB only: bots get that, not Telegram's 50. */
    @RegisterExtension
    static final ChaparServerExtension small =
            ChaparServerExtension.create(
                    c -> c.withMedia(MediaLimits.defaults().withMaxUploadBytes(1 << 20)));

    @Test
    void getFileAndDownloadsNeedAFileIdOfThisBotForAFileItCanSeeNow() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "seer");
        TestBot other = server.newBot(alice, "other");
        ChatRequests chats = new ChatRequests(alice.client());
        long group =
                chats.createChat(ChatKind.SUPERGROUP, "Files", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(group, List.of(bot.user(), other.user())).join();
        long chatId = -1_000_000_000_000L - group;
        JsonNode doc =
                bot.api()
                        .upload(
                                "sendDocument",
                                Map.of("chat_id", chatId),
                                Map.of(
                                        "document",
                                        new Part(
                                                "notes.txt",
                                                "text/plain",
                                                "secret notes".getBytes())))
                        .result()
                        .get("document");
        String fileId = doc.get("file_id").asText();
        JsonNode file = bot.api().call("getFile", Map.of("file_id", fileId)).result();
        assertThat(file.get("file_path").asText()).isEqualTo("documents/" + fileId + ".txt");
        assertThat(bot.api().download(file.get("file_path").asText()).body())
                .isEqualTo("secret notes".getBytes());

        // the other bot is in the chat, but this file_id is not its own: refused both ways
        assertBadRequest(other.api().call("getFile", Map.of("file_id", fileId)), "invalid file_id");
        assertThat(other.api().download(file.get("file_path").asText()).statusCode())
                .isEqualTo(404);
        assertBadRequest(
                other.api().call("sendDocument", Map.of("chat_id", chatId, "document", fileId)),
                "wrong file identifier/HTTP URL specified");

        // forged: one character changed, or the file's own id, or nonsense
        char last = fileId.charAt(fileId.length() - 1);
        String forged = fileId.substring(0, fileId.length() - 1) + (last == 'A' ? 'B' : 'A');
        Message seen = alice.client().getHistory(Peers.chat(group), 0, 1).join().getMessages(0);
        for (String bad : List.of(forged, seen.getMedia().getFile().getId(), "abc")) {
            assertBadRequest(bot.api().call("getFile", Map.of("file_id", bad)), "invalid file_id");
            assertThat(bot.api().download("documents/" + bad + ".txt").statusCode()).isEqualTo(404);
            assertBadRequest(
                    bot.api().call("sendDocument", Map.of("chat_id", chatId, "document", bad)),
                    "wrong file identifier/HTTP URL specified");
        }
        // a wrong token is refused before anything
        assertThat(
                        bot.api()
                                .withToken(bot.id() + ":" + "A".repeat(35))
                                .download(file.get("file_path").asText())
                                .statusCode())
                .isEqualTo(401);

        // once the bot has left the chat, its own file_id no longer opens the file
        assertThat(bot.api().call("leaveChat", Map.of("chat_id", chatId)).ok()).isTrue();
        assertBadRequest(bot.api().call("getFile", Map.of("file_id", fileId)), "invalid file_id");
        assertThat(bot.api().download(file.get("file_path").asText()).statusCode()).isEqualTo(404);
        assertBadRequest(
                bot.api().call("sendDocument", Map.of("chat_id", alice.id(), "document", fileId)),
                "wrong file identifier/HTTP URL specified");
    }

    @Test
    void mediaFromAUserReachesTheBotWhichCanFetchIt() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "inbox");
        Tus tus = new Tus(server);
        var to = Peers.user(bot.user());
        String photoUpload = tus.upload(alice, encode(picture(300, 200), "png"), null);
        alice.client()
                .sendMedia(
                        to,
                        InputMedia.newBuilder()
                                .setKind(MediaKind.PHOTO)
                                .setUploadId(photoUpload)
                                .build(),
                        "a photo",
                        0)
                .join();
        byte[] notes = Tus.bytes(2_000, 7);
        String docUpload =
                tus.upload(
                        alice,
                        notes,
                        "filename "
                                + Tus.b64("notes.bin")
                                + ",filetype "
                                + Tus.b64("application/zip"));
        alice.client()
                .sendMedia(
                        to,
                        InputMedia.newBuilder()
                                .setKind(MediaKind.DOCUMENT)
                                .setUploadId(docUpload)
                                .build(),
                        "",
                        0)
                .join();
        String voiceUpload = tus.upload(alice, Tus.bytes(800, 8), null);
        alice.client()
                .sendMedia(
                        to,
                        InputMedia.newBuilder()
                                .setKind(MediaKind.VOICE)
                                .setUploadId(voiceUpload)
                                .setDuration(2)
                                .build(),
                        "",
                        0)
                .join();

        JsonNode updates = bot.api().call("getUpdates").result();
        assertThat(updates).hasSize(3);
        JsonNode photo = updates.get(0).get("message");
        assertThat(photo.get("caption").asText()).isEqualTo("a photo");
        assertThat(photo.get("photo").get(photo.get("photo").size() - 1).get("width").asInt())
                .isEqualTo(300);
        JsonNode document = updates.get(1).get("message").get("document");
        assertThat(document.get("file_name").asText()).isEqualTo("notes.bin");
        assertThat(document.get("mime_type").asText()).isEqualTo("application/zip");
        assertThat(updates.get(2).get("message").get("voice").get("duration").asInt()).isEqualTo(2);

        JsonNode file =
                bot.api().call("getFile", Map.of("file_id", document.get("file_id"))).result();
        assertThat(file.get("file_path").asText()).endsWith(".bin");
        assertThat(bot.api().download(file.get("file_path").asText()).body()).isEqualTo(notes);
        JsonNode photoFile =
                bot.api()
                        .call(
                                "getFile",
                                Map.of(
                                        "file_id",
                                        photo.get("photo")
                                                .get(photo.get("photo").size() - 1)
                                                .get("file_id")))
                        .result();
        byte[] clean = bot.api().download(photoFile.get("file_path").asText()).body();
        assertThat(ImageIO.read(new ByteArrayInputStream(clean)).getWidth()).isEqualTo(300);
    }

    @Test
    void badInputGetsTelegramsAnswers() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "strict");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();

        assertBadRequest(
                api.call("sendPhoto", Map.of("chat_id", alice.id())),
                "there is no photo in the request");
        assertBadRequest(
                api.upload(
                        "sendVoice",
                        Map.of("chat_id", alice.id(), "voice", "attach://x"),
                        Map.of()),
                "there is no voice in the request");
        assertBadRequest(
                api.call("sendPhoto", Map.of("chat_id", alice.id(), "photo", "no-such-file")),
                "wrong file identifier/HTTP URL specified");
        // text claimed to be a JPEG: the photo cleaner refuses it
        assertBadRequest(
                api.upload(
                        "sendPhoto",
                        Map.of("chat_id", alice.id()),
                        Map.of(
                                "photo",
                                new Part("x.jpg", "image/jpeg", "not an image".getBytes()))),
                "IMAGE_PROCESS_FAILED");
        assertBadRequest(
                api.upload(
                        "sendDocument",
                        Map.of("chat_id", alice.id()),
                        Map.of("document", new Part("e.txt", "text/plain", new byte[0]))),
                "file must be non-empty");

        // Telegram's limits: 50 MB up, 20 MB down by getFile
        BotHttp.Reply tooBig = document(api, alice.id(), "big.bin", new byte[(50 << 20) + 1]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.description()).isEqualTo("Request Entity Too Large");
        BotHttp.Reply big = document(api, alice.id(), "big.bin", new byte[(20 << 20) + 1]);
        assertThat(big.ok()).as(big.body().toString()).isTrue();
        assertBadRequest(
                api.call("getFile", Map.of("file_id", big.result().get("document").get("file_id"))),
                "file is too big");
        // the user, not bound by the Bot API's limit, has it whole
        Message doc =
                alice.updates()
                        .awaitOne(
                                u ->
                                        u.hasNewMessage()
                                                && u.getNewMessage()
                                                                .getMessage()
                                                                .getMedia()
                                                                .getFile()
                                                                .getSize()
                                                        == (20 << 20) + 1)
                        .getNewMessage()
                        .getMessage();
        assertThat(downloadAs(alice, doc.getMedia().getFile().getId())).hasSize((20 << 20) + 1);
    }

    @Test
    void aLowerUploadLimitOfTheOperatorBindsBotsToo() {
        TestUser alice = small.newUser("alice");
        TestBot bot = small.newBot(alice, "tight");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        BotHttp.Reply over = document(api, alice.id(), "a.bin", new byte[(1 << 20) + 1]);
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.description()).isEqualTo("Request Entity Too Large");
        BotHttp.Reply fits =
                api.upload(
                        "sendDocument",
                        Map.of("chat_id", alice.id()),
                        Map.of(
                                "document",
                                new Part("a.bin", "application/octet-stream", new byte[1 << 20])));
        assertThat(fits.ok()).as(fits.body().toString()).isTrue();
        assertThat(fits.result().get("document").get("file_size").asLong()).isEqualTo(1 << 20);
    }

    @Test
    void aFileIdIsAcceptedInEveryBodyEncodingAndGetFileToo() throws Exception {
        TestUser alice = server.newUser("alice");
        TestBot bot = server.newBot(alice, "encodings");
        BotHttp api = bot.api().patient();
        alice.client().sendMessage(Peers.user(bot.user()), "hi").join();
        JsonNode first = sendPhoto(bot, alice.id(), jpegWithGps(120, 90));
        JsonNode largest = first.get("photo").get(first.get("photo").size() - 1);
        String fileId = largest.get("file_id").asText();

        for (BotHttp.Encoding e : BotHttp.Encoding.values()) {
            BotHttp.Reply again =
                    api.call(
                            "sendPhoto",
                            Map.of("chat_id", alice.id(), "photo", fileId, "caption", "as " + e),
                            e);
            assertThat(again.ok()).as(e + ": " + again.body()).isTrue();
            JsonNode sizes = again.result().get("photo");
            assertThat(sizes.get(sizes.size() - 1).get("file_unique_id"))
                    .as(e.toString())
                    .isEqualTo(largest.get("file_unique_id"));
            assertThat(again.result().get("caption").asText()).isEqualTo("as " + e);

            BotHttp.Reply file = api.call("getFile", Map.of("file_id", fileId), e);
            assertThat(file.ok()).as(e + ": " + file.body()).isTrue();
            assertThat(file.result().get("file_size").asLong())
                    .isEqualTo(largest.get("file_size").asLong());
        }
        assertBadRequest(
                api.call(
                        "sendPhoto",
                        Map.of("chat_id", alice.id(), "photo", fileId + "x"),
                        BotHttp.Encoding.QUERY),
                "wrong file identifier/HTTP URL specified");
    }

    /** A document upload of {@code bytes} by the bot, as Telegram's libraries send it. */
    private static BotHttp.Reply document(BotHttp api, long chat, String name, byte[] bytes) {
        return api.upload(
                "sendDocument",
                Map.of("chat_id", chat),
                Map.of("document", new Part(name, "application/octet-stream", bytes)));
    }
}
