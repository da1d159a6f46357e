package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.it.media.Tus;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.FileUrl;
import org.chapar.protocol.GetFileUrl;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Who may have a chat's media: the parties of a private chat by ranges, members of a group while
 * they are members (removed members no), send_media enforced, banned channel subscribers neither
 * downloading nor getting a signed URL.
 */
class MediaAccessIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    final MediaChat files = new MediaChat(server);

    @Test
    void aDocumentInAPrivateChatIsDownloadedByRangesByItsPartiesOnly() throws Exception {
        TestUser alice = server.newUser("med_doc_a");
        TestUser bob = server.newUser("med_doc_b");
        TestUser eve = server.newUser("med_doc_e");
        byte[] data = Tus.bytes(70_000, 21);
        String upload =
                files.tus.upload(
                        alice,
                        data,
                        "filename "
                                + Tus.b64("Bericht \u00fcber \"Z\u00fcrich\".pdf")
                                + ",filetype "
                                + Tus.b64("application/pdf"));
        SentMessage sent =
                files.send(
                                alice,
                                bob.peer(),
                                MediaChat.media(MediaKind.DOCUMENT, upload),
                                "the report",
                                0)
                        .join();
        Message m = sent.getMessage();
        assertThat(m.getText()).isEqualTo("the report");
        assertThat(m.getMedia().getKind()).isEqualTo(MediaKind.DOCUMENT);
        assertThat(m.getMedia().getFile().getSize()).isEqualTo(70_000);
        assertThat(m.getMedia().getFile().getMimeType()).isEqualTo("application/pdf");
        assertThat(m.getMedia().getFile().getName()).isEqualTo("Bericht \u00fcber Z\u00fcrich.pdf");
        assertThat(m.getMedia().getFile().getId()).matches("[A-Za-z0-9_-]{22}");

        HttpResponse<byte[]> whole = files.get(MediaChat.file(m), bob, null);
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

        HttpResponse<byte[]> part = files.get(MediaChat.file(m), bob, "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/70000");
        assertThat(files.get(MediaChat.file(m), alice, "bytes=-10").body())
                .isEqualTo(Arrays.copyOfRange(data, 69_990, 70_000));
        assertThat(files.get(MediaChat.file(m), alice, "bytes=69000-").body())
                .isEqualTo(Arrays.copyOfRange(data, 69_000, 70_000));
        HttpResponse<byte[]> past = files.get(MediaChat.file(m), bob, "bytes=70000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */70000");

        HttpResponse<byte[]> same =
                files.http.send(
                        HttpRequest.newBuilder(server.httpUri(MediaChat.file(m)))
                                .header("Authorization", "Bearer " + bob.token())
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);

        assertThat(files.get(MediaChat.file(m), eve, null).statusCode()).isEqualTo(404);
        assertThat(files.get(MediaChat.file(m), null, null).statusCode()).isEqualTo(401);
        assertThat(files.get("/media/files/AAAAAAAAAAAAAAAAAAAAAA", bob, null).statusCode())
                .isEqualTo(404);

        // the upload is used up: a second message cannot take it
        assertFails(
                files.send(alice, bob.peer(), MediaChat.media(MediaKind.DOCUMENT, upload), "", 0),
                ErrorCode.MEDIA_INVALID);
    }

    @Test
    void sendMediaRestrictionIsEnforcedAndRemovedMembersCannotDownload() throws Exception {
        TestUser owner = server.newUser("med_grp_o");
        TestUser bob = server.newUser("med_grp_b");
        TestUser carol = server.newUser("med_grp_c");
        long chat = Chats.create(owner, ChatKind.GROUP, "Media", "", bob, carol).getChat().getId();
        Chats.restrict(owner, chat, bob, Restrictions.newBuilder().setSendMedia(true).build(), 0)
                .join();
        String bobs = files.tus.upload(bob, Tus.bytes(500, 2), null);
        assertFails(
                files.send(bob, Chats.peer(chat), MediaChat.media(MediaKind.DOCUMENT, bobs), "", 0),
                ErrorCode.CHAT_SEND_MEDIA_FORBIDDEN);
        assertThat(Chats.send(bob, chat, "text still goes").join().getMessage().getId())
                .isPositive();
        String carols = files.tus.upload(carol, Tus.bytes(500, 3), null);
        Message m =
                files.send(
                                carol,
                                Chats.peer(chat),
                                MediaChat.media(MediaKind.DOCUMENT, carols),
                                "",
                                0)
                        .join()
                        .getMessage();
        assertThat(files.get(MediaChat.file(m), bob, null).statusCode()).isEqualTo(200);
        Chats.restrict(owner, chat, bob, Chats.banned(), 0).join();
        assertThat(files.get(MediaChat.file(m), bob, null).statusCode()).isEqualTo(404);
        assertThat(files.get(MediaChat.file(m), owner, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBannedChannelSubscriberCannotDownloadNorGetASignedUrl() throws Exception {
        TestUser owner = server.newUser("med_chan_o");
        TestUser sub = server.newUser("med_chan_s");
        long chat = Chats.create(owner, ChatKind.CHANNEL, "Pics", "", sub).getChat().getId();
        String up = files.tus.upload(owner, MediaChat.png(200, 100), null);
        Message m =
                files.send(
                                owner,
                                Chats.peer(chat),
                                MediaChat.media(MediaKind.PHOTO, up),
                                "sunset",
                                0)
                        .join()
                        .getMessage();
        FileUrl url = fileUrl(sub, m.getMedia().getFile().getId(), "");
        assertThat(files.get(url.getUrl(), null, null).statusCode()).isEqualTo(200);
        assertThat(files.get(url.getUrl().replace("sig=", "sig=x"), null, null).statusCode())
                .isEqualTo(404);
        assertThat(
                        files.get(
                                        url.getUrl()
                                                .replace(
                                                        m.getMedia().getFile().getId(),
                                                        "AAAAAAAAAAAAAAAAAAAAAA"),
                                        null,
                                        null)
                                .statusCode())
                .isEqualTo(404);
        assertThat(
                        files.get(
                                        fileUrl(sub, m.getMedia().getFile().getId(), "s").getUrl(),
                                        null,
                                        null)
                                .statusCode())
                .isEqualTo(200);

        Chats.restrict(owner, chat, sub, Chats.banned(), 0).join();
        assertThat(files.get(MediaChat.file(m), sub, null).statusCode()).isEqualTo(404);
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
}
