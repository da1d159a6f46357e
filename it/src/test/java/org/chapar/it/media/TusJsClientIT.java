package org.chapar.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standard tus client, tus-js-client from npm run by Node, uploads to the server unchanged (in
 * several PATCHes); the file, sent as a document, is then downloaded by ranges and compared byte
 * for byte. The test installs the pinned package (package-lock.json) with {@code npm ci} when
 * node_modules is missing; Node and npm must be on the PATH (scripts/services.sh says so).
 */
class TusJsClientIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    static final Path NODE_DIR =
            Path.of(System.getProperty("basedir", ".")).resolve("src/test/node/tus");

    @TempDir Path dir;

    static String run(Path cwd, List<String> command) throws Exception {
        Process p =
                new ProcessBuilder(command)
                        .directory(cwd.toFile())
                        .redirectErrorStream(true)
                        .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(command + " ended").isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command + " said: " + text).isZero();
        return text;
    }

    @Test
    void tusJsClientUploadsAFileThatDownloadsByRangesByteForByte() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/tus-js-client"))) {
            run(NODE_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        TestUser alice = server.newUser("tusjs_a");
        TestUser bob = server.newUser("tusjs_b");
        byte[] data = Tus.bytes(2 * 1024 * 1024 + 12_345, 2026);
        Path file = Files.write(dir.resolve("holiday video.bin"), data);

        String out =
                run(
                        NODE_DIR,
                        List.of(
                                "node",
                                "upload.mjs",
                                server.httpUri(Tus.PATH).toString(),
                                alice.token(),
                                file.toString(),
                                Integer.toString(512 * 1024)));
        String url = out.replaceAll("(?s).*\"url\":\"([^\"]+)\".*", "$1");
        String uploadId = url.substring(url.lastIndexOf('/') + 1);
        assertThat(uploadId).matches("[A-Za-z0-9_-]{22}");

        Message m =
                alice.client()
                        .sendMedia(
                                bob.peer(),
                                InputMedia.newBuilder()
                                        .setKind(MediaKind.DOCUMENT)
                                        .setUploadId(uploadId)
                                        .build(),
                                "",
                                0)
                        .join()
                        .getMessage();
        assertThat(m.getMedia().getFile().getName()).isEqualTo("holiday video.bin");
        assertThat(m.getMedia().getFile().getSize()).isEqualTo(data.length);

        HttpClient http = HttpClient.newHttpClient();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int step = 700_001;
        for (long from = 0; from < data.length; from += step) {
            long to = Math.min(data.length, from + step) - 1;
            HttpResponse<byte[]> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            server.httpUri(
                                                    "/media/files/"
                                                            + m.getMedia().getFile().getId()))
                                    .header("Authorization", "Bearer " + bob.token())
                                    .header("Range", "bytes=" + from + "-" + to)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(206);
            assertThat(r.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + from + "-" + to + "/" + data.length);
            got.write(r.body());
        }
        assertThat(got.toByteArray()).isEqualTo(data);
    }
}
