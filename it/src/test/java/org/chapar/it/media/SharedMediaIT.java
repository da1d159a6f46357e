package org.chapar.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.FileUrl;
import org.chapar.protocol.GetFileUrl;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two nodes as processes on the real PostgreSQL and NATS, given one media directory (ADR 0020): a
 * file uploaded through one downloads through the other, an upload resumes on the other from the
 * offset it reports, a signed URL of one opens on the other, a PATCH another process holds the
 * partial file of is refused, and a node given another cluster's directory does not start.
 */
class SharedMediaIT {
    @TempDir static Path temp;

    static PostgresTestDatabase db;
    static NatsProcess nats;
    static Path shared;
    static final List<ServerProcess> nodes = new ArrayList<>();
    static final List<ChaparClient> clients = new ArrayList<>();
    static ServerProcess a;
    static ServerProcess b;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodesOnOneMediaDirectory() throws IOException {
        db = PostgresTestDatabase.create();
        nats = NatsProcess.start();
        shared = temp.resolve("shared-media");
        a = node("a", "-Dchapar.mediaDir=" + shared);
        b = node("b", "-Dchapar.mediaDir=" + shared);
    }

    static ServerProcess node(String name, String... jvm) throws IOException {
        ServerProcess p =
                ServerProcess.options()
                        .onCluster(db.url(), nats)
                        .jvm(jvm)
                        .start(temp.resolve("data-" + name), 0);
        nodes.add(p);
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        clients.forEach(ChaparClient::close);
        for (ServerProcess p : nodes) {
            p.close();
        }
        nats.close();
        db.close();
    }

    /** A new account, logged in through {@code node}. */
    static TestUser user(ServerProcess node, String name) {
        ChaparClient c = ChaparClient.builder(node.uri()).clientName("shared-media-test").build();
        clients.add(c);
        c.connect().join();
        Authorization auth = c.register(name, "password-" + name, null, "t").join();
        UpdateRecorder updates = new UpdateRecorder();
        c.addUpdateListener(updates);
        return new TestUser(c, auth.getUser(), name, "password-" + name, auth.getToken(), updates);
    }

    static HttpResponse<byte[]> get(ServerProcess node, String path, TestUser as, String range)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(node.httpUri(path));
        if (as != null) {
            r.header("Authorization", "Bearer " + as.token());
        }
        if (range != null) {
            r.header("Range", range);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends {@code upload} as a document to {@code to}; the file's download path. */
    static String sendDocument(TestUser from, TestUser to, String upload) {
        Message m =
                from.client()
                        .sendMedia(
                                to.peer(),
                                InputMedia.newBuilder()
                                        .setKind(MediaKind.DOCUMENT)
                                        .setUploadId(upload)
                                        .build(),
                                "",
                                0)
                        .join()
                        .getMessage();
        return "/media/files/" + m.getMedia().getFile().getId();
    }

    @Test
    void aFileUploadedThroughOneNodeDownloadsThroughTheOtherByteForByteAndByRanges()
            throws Exception {
        TestUser alice = user(a, "shm_dl_alice");
        TestUser bob = user(b, "shm_dl_bob");
        byte[] data = Tus.bytes(300_000, 31);
        String upload = new Tus(a::httpUri).upload(alice, data, "filename " + Tus.b64("a.bin"));
        String file = sendDocument(alice, bob, upload);

        HttpResponse<byte[]> whole = get(b, file, bob, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        HttpResponse<byte[]> part = get(b, file, bob, "bytes=100000-199999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range"))
                .hasValue("bytes 100000-199999/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 100_000, 200_000));
        assertThat(get(b, file, alice, "bytes=-1000").body())
                .isEqualTo(Arrays.copyOfRange(data, 299_000, 300_000));
        TestUser eve = user(b, "shm_dl_eve");
        assertThat(get(b, file, eve, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadBegunOnOneNodeResumesOnTheOtherFromTheOffsetItReports() throws Exception {
        TestUser alice = user(a, "shm_up_alice");
        TestUser bob = user(a, "shm_up_bob");
        Tus onA = new Tus(a::httpUri);
        Tus onB = new Tus(b::httpUri);
        byte[] data = Tus.bytes(250_000, 32);
        String path = onA.created(alice, data.length);
        assertThat(onA.patch(alice, path, 0, Arrays.copyOfRange(data, 0, 90_000)).statusCode())
                .isEqualTo(204);

        HttpResponse<String> head = onB.head(alice, path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(Tus.offset(head)).isEqualTo(90_000);
        byte[] rest = Arrays.copyOfRange(data, 90_000, data.length);

        // another process writing the partial file (a node whose PATCH is under way) holds it
        Path partial = shared.resolve("partial").resolve(path.substring(Tus.PATH.length() + 1));
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE);
                FileLock held = ch.tryLock()) {
            assertThat(held).isNotNull();
            HttpResponse<String> locked = onB.patch(alice, path, 90_000, rest);
            assertThat(locked.statusCode()).isEqualTo(423);
            assertThat(locked.body()).contains("UPLOAD_LOCKED");
        }
        assertThat(Tus.offset(onB.head(alice, path))).isEqualTo(90_000);
        assertThat(Files.size(partial)).isEqualTo(90_000);

        HttpResponse<String> done = onB.patch(alice, path, 90_000, rest);
        assertThat(done.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(done)).isEqualTo(data.length);

        String file = sendDocument(alice, bob, path.substring(Tus.PATH.length() + 1));
        assertThat(get(a, file, bob, null).body()).isEqualTo(data);
        assertThat(get(b, file, bob, null).body()).isEqualTo(data);
    }

    @Test
    void aSignedUrlMintedOnOneNodeOpensOnTheOther() throws Exception {
        TestUser alice = user(a, "shm_url_alice");
        TestUser bob = user(b, "shm_url_bob");
        byte[] data = Tus.bytes(20_000, 33);
        String upload = new Tus(a::httpUri).upload(alice, data, "filename " + Tus.b64("s.bin"));
        String file = sendDocument(alice, bob, upload);
        FileUrl url =
                alice.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetFileUrl(
                                                GetFileUrl.newBuilder()
                                                        .setFileId(
                                                                file.substring(
                                                                        "/media/files/".length()))))
                        .join()
                        .getFileUrl();

        HttpResponse<byte[]> onB = get(b, url.getUrl(), null, null);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).isEqualTo(data);
        String u = url.getUrl();
        String forged = u.substring(0, u.length() - 1) + (u.endsWith("A") ? "B" : "A");
        assertThat(get(b, forged, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aNodeGivenAnotherClustersMediaDirectoryRefusesToStartAndOneOnItsOwnDirectoryWarns()
            throws Exception {
        Path other = Files.createDirectories(temp.resolve("other-cluster-media"));
        Files.writeString(other.resolve("MEDIA-ROOT"), "AAAAAAAAAAAAAAAAAAAAAA\n");

        assertThatThrownBy(() -> node("stranger", "-Dchapar.mediaDir=" + other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit status 1")
                .hasMessageContaining("chapar: cannot start: the media directory " + other)
                .hasMessageContaining("belongs to another cluster");

        ServerProcess own = node("own");
        assertThat(own.output())
                .anyMatch(
                        l -> l.contains("has no MEDIA-ROOT") && l.contains("keeps its own media"));
        assertThat(temp.resolve("data-own/media/MEDIA-ROOT")).doesNotExist();
    }
}
