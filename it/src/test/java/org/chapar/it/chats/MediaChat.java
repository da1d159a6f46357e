package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.it.media.Pictures;
import org.chapar.it.media.Tus;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * What the media ITs share: a server's tus client, plain HTTP downloads as a user, media sends, the
 * blobs on its disk, and small images.
 */
final class MediaChat {
    private final ChaparServerExtension server;

    MediaChat(ChaparServerExtension server) {
        this.server = server;
        this.tus = new Tus(server);
    }

    final Tus tus;
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
    }

    static byte[] png(int w, int h) throws Exception {
        return Pictures.png(w, h);
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
        return Tus.blobsWithSize(server.dataDir(), size);
    }
}
