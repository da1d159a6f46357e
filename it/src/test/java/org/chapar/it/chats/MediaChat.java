package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.it.media.Tus;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

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
}
