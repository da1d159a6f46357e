package org.chapar.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.media.MediaFiles;
import org.chapar.client.media.MediaHttpException;
import org.chapar.client.media.UploadResumeStore;
import org.chapar.client.media.UploadedFile;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.CuttingProxy;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SDK's tus uploads through a proxy that cuts the connection mid-upload: the upload goes on
 * from the offset the server kept (HEAD), in the same run or the next one, never from zero.
 */
class SdkUploadIT {
    static final int MIB = 1 << 20;

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path temp;
    final Tus tus = new Tus(server);

    @Test
    void aCutMidUploadResumesFromTheServersOffset() throws Exception {
        TestUser alice = server.newUser("upcut");
        Path file = randomFile("six.bin", 6 * MIB, 1);
        try (CuttingProxy proxy = CuttingProxy.to(server.port())) {
            MediaFiles media = viaProxy(proxy, alice);
            proxy.cutAfterUpstreamBytes(MIB * 5 / 2);
            List<Long> progress = new CopyOnWriteArrayList<>();

            UploadedFile up =
                    media.upload(
                            file,
                            "six.bin",
                            "application/octet-stream",
                            UploadResumeStore.inMemory(),
                            (done, total) -> progress.add(done));

            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(up.size()).isEqualTo(6 * MIB);
            assertThat(offsetOnServer(alice, up)).isEqualTo(6L * MIB);
            // Resumed, not restarted: at most the cut chunk (1 MiB) went twice, plus headers.
            assertThat(proxy.upstreamBytes()).isBetween(6L * MIB, 7L * MIB + 64 * 1024);
            assertThat(progress).contains(6L * MIB);
            long lowestAfterCut =
                    progress.subList(progress.indexOf(2L * MIB) + 1, progress.size()).stream()
                            .mapToLong(Long::longValue)
                            .min()
                            .orElseThrow();
            assertThat(lowestAfterCut).as("progress never went back to zero").isGreaterThan(0);
        }
    }

    @Test
    void anUploadCutInOneRunIsFinishedByTheNextFromTheStoredUrl() throws Exception {
        TestUser bob = server.newUser("uprerun");
        Path file = randomFile("four.bin", 4 * MIB, 2);
        UploadResumeStore resume = UploadResumeStore.directory(temp.resolve("uploads"));
        try (CuttingProxy proxy = CuttingProxy.to(server.port())) {
            MediaFiles once = viaProxy(proxy, bob).retries(1, Duration.ofMillis(10));
            proxy.cutAfterUpstreamBytes(MIB * 5 / 2);
            assertThatThrownBy(() -> once.upload(file, "four.bin", "", resume, (d, t) -> {}))
                    .isInstanceOf(UncheckedIOException.class);
            long firstRun = proxy.upstreamBytes();
            try (var stored = Files.list(temp.resolve("uploads"))) {
                assertThat(stored).hasSize(1);
            }

            MediaFiles next = viaProxy(proxy, bob);
            UploadedFile up = next.upload(file, "four.bin", "", resume, (d, t) -> {});

            assertThat(offsetOnServer(bob, up)).isEqualTo(4L * MIB);
            // The second run sent only what the first had not (the server kept 2 whole chunks),
            // plus at most one chunk the server refused UPLOAD_LOCKED while it was still ending
            // the request the cut left behind: never the whole file again.
            assertThat(proxy.upstreamBytes() - firstRun).isBetween(2L * MIB, 3L * MIB + 64 * 1024);
            next.forget(up, resume);
        }
        try (var stored = Files.list(temp.resolve("uploads"))) {
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void aRefusedUploadCarriesTheServersStatusAndCode() throws Exception {
        TestUser carol = server.newUser("uplimit");
        Path file = randomFile("one.bin", MIB, 3);
        MediaFiles media =
                new MediaFiles(MediaFiles.originOf(server.uri()), () -> "not-a-session-token");
        assertThatThrownBy(
                        () -> media.upload(file, "one.bin", "", UploadResumeStore.inMemory(), null))
                .isInstanceOfSatisfying(
                        MediaHttpException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.code()).isEqualTo("AUTH_INVALID");
                        });
        assertThat(carol.token()).isNotEmpty();
    }

    private MediaFiles viaProxy(CuttingProxy proxy, TestUser user) {
        return new MediaFiles(URI.create("http://127.0.0.1:" + proxy.port()), user::token)
                .chunkBytes(MIB)
                .retries(8, Duration.ofMillis(20));
    }

    private long offsetOnServer(TestUser user, UploadedFile up) {
        HttpResponse<String> r =
                tus.send(
                        tus.request(Tus.PATH + "/" + up.uploadId(), user)
                                .method("HEAD", BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private Path randomFile(String name, int size, long seed) throws Exception {
        Path file = temp.resolve(name);
        Files.write(file, Tus.bytes(size, seed));
        return file;
    }
}
