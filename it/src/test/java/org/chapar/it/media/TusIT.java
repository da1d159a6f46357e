package org.chapar.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.media.MediaLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The tus 1.0 protocol over raw HTTP: every header and every error of the README's table. */
class TusIT {
    static final TestClock clock = TestClock.now();
    static final Duration STALL = Duration.ofHours(1);

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c ->
                            c.withClock(clock)
                                    .withMedia(
                                            MediaLimits.defaults()
                                                    .withMaxUploadBytes(1 << 20)
                                                    .withOpenUploads(3)
                                                    .withUploadsInFlight(2)
                                                    .withStall(STALL)
                                                    .withSweepInterval(Duration.ofMillis(100))));

    final Tus tus = new Tus(server);

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
    }

    static String code(HttpResponse<String> r) {
        return r.body().replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
    }

    @Test
    void optionsNamesTheVersionExtensionsMaxSizeAndChecksumWithoutAuth() {
        HttpResponse<String> r =
                tus.send(tus.request(Tus.PATH, null).method("OPTIONS", BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(r.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(r.headers().firstValue("Tus-Extension"))
                .hasValue("creation,creation-with-upload,termination,checksum,expiration");
        assertThat(r.headers().firstValue("Tus-Max-Size")).hasValue(Integer.toString(1 << 20));
        assertThat(r.headers().firstValue("Tus-Checksum-Algorithm")).hasValue("sha256,crc32c");
    }

    @Test
    void requestsNeedTheSessionTokenAndTheTusVersion() {
        HttpResponse<String> none = tus.create(null, 10, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("AUTH_REQUIRED");
        HttpResponse<String> bad =
                tus.send(
                        tus.request(Tus.PATH, null)
                                .header("Authorization", "Bearer not-a-token")
                                .header("Upload-Length", "10")
                                .POST(BodyPublishers.noBody()));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(code(bad)).isEqualTo("AUTH_INVALID");
        TestUser alice = server.newUser("tus_ver");
        HttpResponse<String> old =
                tus.send(
                        java.net.http.HttpRequest.newBuilder(server.httpUri(Tus.PATH))
                                .header("Tus-Resumable", "0.2.2")
                                .header("Authorization", "Bearer " + alice.token())
                                .header("Upload-Length", "10")
                                .POST(BodyPublishers.noBody()));
        assertThat(old.statusCode()).isEqualTo(412);
        assertThat(code(old)).isEqualTo("TUS_VERSION_UNSUPPORTED");
        assertThat(old.headers().firstValue("Tus-Version")).hasValue("1.0.0");
    }

    @Test
    void creationThenChunksAtTheServersOffsetThenHeadSaysWhereItIs() {
        TestUser alice = server.newUser("tus_core");
        byte[] data = Tus.bytes(300_000, 1);
        HttpResponse<String> c =
                tus.create(
                        alice, data.length, "filename " + Tus.b64("r\u00e9sum\u00e9.pdf") + ",x");
        assertThat(c.statusCode()).isEqualTo(201);
        assertThat(c.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(c.headers().firstValue("Upload-Expires")).isPresent();
        String path = c.headers().firstValue("Location").orElseThrow();
        assertThat(path).matches("/media/uploads/[A-Za-z0-9_-]{22}");

        HttpResponse<String> h0 = tus.head(alice, path);
        assertThat(h0.statusCode()).isEqualTo(200);
        assertThat(Tus.offset(h0)).isZero();
        assertThat(h0.headers().firstValue("Upload-Length")).hasValue("300000");
        assertThat(h0.headers().firstValue("Upload-Metadata"))
                .hasValue("filename " + Tus.b64("r\u00e9sum\u00e9.pdf") + ",x");
        assertThat(h0.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> p1 =
                tus.patch(alice, path, 0, java.util.Arrays.copyOfRange(data, 0, 100_000));
        assertThat(p1.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(p1)).isEqualTo(100_000);
        assertThat(p1.headers().firstValue("Upload-Expires")).isPresent();
        assertThat(Tus.offset(tus.head(alice, path))).isEqualTo(100_000);

        HttpResponse<String> p2 =
                tus.patch(
                        alice, path, 100_000, java.util.Arrays.copyOfRange(data, 100_000, 300_000));
        assertThat(p2.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(p2)).isEqualTo(300_000);
        HttpResponse<String> done = tus.head(alice, path);
        assertThat(Tus.offset(done)).isEqualTo(300_000);
        assertThat(done.headers().firstValue("Upload-Expires")).isEmpty();
    }

    @Test
    void anOffsetThatIsNotTheServersIsAConflictAndWritesNothing() {
        TestUser alice = server.newUser("tus_409");
        String path = tus.created(alice, 1000);
        HttpResponse<String> r = tus.patch(alice, path, 10, Tus.bytes(10, 2));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(code(r)).isEqualTo("UPLOAD_OFFSET_MISMATCH");
        assertThat(Tus.offset(tus.head(alice, path))).isZero();
    }

    @Test
    void aChecksumMismatchDiscardsTheChunkAndAMatchKeepsIt() {
        TestUser alice = server.newUser("tus_sum");
        String path = tus.created(alice, 2000);
        byte[] chunk = Tus.bytes(1000, 3);
        HttpResponse<String> wrong =
                tus.patch(alice, path, 0, chunk, "sha256 " + Tus.sha256(Tus.bytes(1000, 4)));
        assertThat(wrong.statusCode()).isEqualTo(460);
        assertThat(code(wrong)).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(Tus.offset(tus.head(alice, path))).isZero();

        HttpResponse<String> right =
                tus.patch(alice, path, 0, chunk, "sha256 " + Tus.sha256(chunk));
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(right)).isEqualTo(1000);

        HttpResponse<String> md5 = tus.patch(alice, path, 1000, chunk, "md5 " + Tus.sha256(chunk));
        assertThat(md5.statusCode()).isEqualTo(400);
        assertThat(code(md5)).isEqualTo("CHECKSUM_ALGORITHM_UNSUPPORTED");
        assertThat(Tus.offset(tus.head(alice, path))).isEqualTo(1000);
    }

    @Test
    void aCrc32cChecksumIsCheckedAsSha256Is() {
        TestUser alice = server.newUser("tus_crc");
        String path = tus.created(alice, 2000);
        byte[] chunk = Tus.bytes(1000, 5);
        assertThat(
                        tus.patch(alice, path, 0, chunk, "crc32c " + Tus.crc32c(Tus.bytes(1000, 6)))
                                .statusCode())
                .isEqualTo(460);
        assertThat(Tus.offset(tus.head(alice, path))).isZero();
        HttpResponse<String> right =
                tus.patch(alice, path, 0, chunk, "crc32c " + Tus.crc32c(chunk));
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(right)).isEqualTo(1000);
        // a SHA-256's 32 bytes named crc32c
        HttpResponse<String> wrongLength =
                tus.patch(alice, path, 1000, chunk, "crc32c " + Tus.sha256(chunk));
        assertThat(wrongLength.statusCode()).isEqualTo(400);
        assertThat(Tus.offset(tus.head(alice, path))).isEqualTo(1000);
    }

    @Test
    void creationWithUploadTakesTheFirstBytes() {
        TestUser alice = server.newUser("tus_cwu");
        HttpResponse<String> r =
                tus.send(
                        tus.request(Tus.PATH, alice)
                                .header("Upload-Length", "5000")
                                .header("Content-Type", "application/offset+octet-stream")
                                .POST(BodyPublishers.ofByteArray(Tus.bytes(2000, 5))));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(Tus.offset(r)).isEqualTo(2000);
        String path = r.headers().firstValue("Location").orElseThrow();
        assertThat(Tus.offset(tus.head(alice, path))).isEqualTo(2000);
    }

    @Test
    void sizesOverTheLimitOrPastUploadLengthAndWrongTypesAreRefused() {
        TestUser alice = server.newUser("tus_413");
        HttpResponse<String> big = tus.create(alice, (1 << 20) + 1, null);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(code(big)).isEqualTo("UPLOAD_TOO_LARGE");

        String path = tus.created(alice, 100);
        HttpResponse<String> past = tus.patch(alice, path, 0, Tus.bytes(101, 6));
        assertThat(past.statusCode()).isEqualTo(413);
        assertThat(code(past)).isEqualTo("UPLOAD_TOO_LARGE");
        assertThat(Tus.offset(tus.head(alice, path))).isZero();

        HttpResponse<String> type =
                tus.send(
                        tus.request(path, alice)
                                .header("Upload-Offset", "0")
                                .header("Content-Type", "application/json")
                                .method("PATCH", BodyPublishers.ofByteArray(Tus.bytes(10, 7))));
        assertThat(type.statusCode()).isEqualTo(415);
        assertThat(code(type)).isEqualTo("CONTENT_TYPE_INVALID");

        HttpResponse<String> noLength =
                tus.send(tus.request(Tus.PATH, alice).POST(BodyPublishers.noBody()));
        assertThat(noLength.statusCode()).isEqualTo(400);
        HttpResponse<String> deferred =
                tus.send(
                        tus.request(Tus.PATH, alice)
                                .header("Upload-Defer-Length", "1")
                                .POST(BodyPublishers.noBody()));
        assertThat(deferred.statusCode()).isEqualTo(400);
        HttpResponse<String> badMeta = tus.create(alice, 10, "filename not*base64!");
        assertThat(badMeta.statusCode()).isEqualTo(400);
    }

    @Test
    void anUploadIsOnlyItsCreatorsAndTerminationRemovesItsBytes() throws Exception {
        TestUser alice = server.newUser("tus_own");
        TestUser mallory = server.newUser("tus_mal");
        String path = tus.created(alice, 1000);
        assertThat(tus.patch(alice, path, 0, Tus.bytes(500, 8)).statusCode()).isEqualTo(204);
        HttpResponse<String> other = tus.head(mallory, path);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(tus.patch(mallory, path, 500, Tus.bytes(10, 9)).statusCode()).isEqualTo(404);
        assertThat(tus.delete(mallory, path).statusCode()).isEqualTo(404);
        assertThat(tus.head(alice, "/media/uploads/AAAAAAAAAAAAAAAAAAAAAA").statusCode())
                .isEqualTo(404);

        Path partial = server.dataDir().resolve("media/partial").resolve(path.substring(15));
        assertThat(partial).exists();
        HttpResponse<String> gone = tus.delete(alice, path);
        assertThat(gone.statusCode()).isEqualTo(204);
        assertThat(gone.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(tus.head(alice, path).statusCode()).isEqualTo(404);
        eventually(() -> !Files.exists(partial));
    }

    @Test
    void tooManyUnfinishedUploadsAreRefusedWithRetryAfter() {
        TestUser alice = server.newUser("tus_open");
        for (int i = 0; i < 3; i++) {
            tus.created(alice, 100);
        }
        HttpResponse<String> r = tus.create(alice, 100, null);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(code(r)).isEqualTo("TOO_MANY_UPLOADS");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(tus.create(server.newUser("tus_open2"), 100, null).statusCode()).isEqualTo(201);
    }

    /** Two bodies still arriving hold the account's two slots; a third request waits its turn. */
    @Test
    void tooManyUploadsAtOnceAreRefusedUntilOneEnds() throws Exception {
        TestUser alice = server.newUser("tus_flight");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String path = tus.created(alice, 100_000);
                Socket s = new Socket("127.0.0.1", server.port());
                OutputStream out = s.getOutputStream();
                out.write(patchHead(path, alice, 0, 100_000).getBytes(StandardCharsets.US_ASCII));
                out.write(Tus.bytes(1000, i));
                out.flush();
                slow.add(s);
            }
            String probe = tus.created(alice, 100);
            eventually(() -> tus.patch(alice, probe, 50, Tus.bytes(1, 1)).statusCode() == 429);
            HttpResponse<String> r = tus.patch(alice, probe, 0, Tus.bytes(100, 1));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(code(r)).isEqualTo("TOO_MANY_UPLOADS");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            for (Socket s : slow) {
                s.close();
            }
            eventually(() -> tus.patch(alice, probe, 50, Tus.bytes(1, 1)).statusCode() == 409);
            assertThat(tus.patch(alice, probe, 0, Tus.bytes(100, 1)).statusCode()).isEqualTo(204);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    static String patchHead(String path, TestUser user, long offset, long length) {
        return "PATCH "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                + "Authorization: Bearer "
                + user.token()
                + "\r\n"
                + "Content-Type: application/offset+octet-stream\r\n"
                + "Upload-Offset: "
                + offset
                + "\r\nContent-Length: "
                + length
                + "\r\n\r\n";
    }

    /** A cut connection keeps what arrived; HEAD says where to resume; the rest completes it. */
    @Test
    void aCutConnectionResumesFromTheServersOffsetNotFromZero() throws Exception {
        TestUser alice = server.newUser("tus_cut");
        byte[] data = Tus.bytes(200_000, 10);
        String path = tus.created(alice, data.length);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(patchHead(path, alice, 0, data.length).getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, 80_000);
            out.flush();
        } // cut: the 80,000 bytes reach the server before the end of the stream does
        eventually(() -> Tus.offset(tus.head(alice, path)) == 80_000);
        assertThat(
                        server.dataDir()
                                .resolve("media/partial")
                                .resolve(path.substring(15))
                                .toFile()
                                .length())
                .as("kept on disk, not only counted")
                .isEqualTo(80_000);
        HttpResponse<String> rest =
                tus.patch(
                        alice,
                        path,
                        80_000,
                        java.util.Arrays.copyOfRange(data, 80_000, data.length));
        assertThat(rest.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(rest)).isEqualTo(data.length);
    }

    /** A stalled upload expires (410), then the sweep reclaims its bytes and its record (404). */
    @Test
    void aStalledUploadExpiresAndItsBytesAreReclaimed() throws Exception {
        TestUser alice = server.newUser("tus_stall");
        String path = tus.created(alice, 1000);
        assertThat(tus.patch(alice, path, 0, Tus.bytes(300, 11)).statusCode()).isEqualTo(204);
        Path partial = server.dataDir().resolve("media/partial").resolve(path.substring(15));
        assertThat(partial).exists();
        clock.advance(STALL.plusSeconds(1));
        HttpResponse<String> expired = tus.patch(alice, path, 300, Tus.bytes(10, 12));
        if (expired.statusCode() == 410) {
            assertThat(code(expired)).isEqualTo("UPLOAD_EXPIRED");
        } else {
            assertThat(expired.statusCode()).as("expired, or swept already").isEqualTo(404);
        }
        eventually(() -> !Files.exists(partial));
        assertThat(tus.head(alice, path).statusCode()).isEqualTo(404);
        assertThat(tus.patch(alice, path, 300, Tus.bytes(10, 12)).statusCode()).isEqualTo(404);
    }

    /**
     * The same bytes uploaded by two accounts: both transfer everything and get the same answers,
     * and the disk holds one copy.
     */
    @Test
    void identicalContentIsStoredOnceButEveryUploadTransfersItAll() throws Exception {
        byte[] data = Tus.bytes(150_000, 99);
        TestUser a = server.newUser("tus_dup_a");
        TestUser b = server.newUser("tus_dup_b");
        String first = tus.created(a, data.length);
        String second = tus.created(b, data.length);
        HttpResponse<String> early = tus.patch(b, second, 0, java.util.Arrays.copyOf(data, 1000));
        HttpResponse<String> ra = tus.patch(a, first, 0, data);
        HttpResponse<String> rb =
                tus.patch(b, second, 1000, java.util.Arrays.copyOfRange(data, 1000, data.length));
        assertThat(early.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(early)).isEqualTo(1000); // no shortcut to the end for known content
        assertThat(ra.statusCode()).isEqualTo(rb.statusCode()).isEqualTo(204);
        assertThat(ra.headers().map().keySet()).isEqualTo(rb.headers().map().keySet());
        eventually(() -> blobsWithSize(data.length) == 1);

        // a third copy whose first chunk was refused (its running hash dropped, so the file is
        // hashed again at the end) is still known as the same content
        TestUser c = server.newUser("tus_dup_c");
        String third = tus.created(c, data.length);
        byte[] head = java.util.Arrays.copyOf(data, 1000);
        HttpResponse<String> refused =
                tus.patch(c, third, 0, head, "sha256 " + Tus.sha256(new byte[1000]));
        assertThat(refused.statusCode()).isEqualTo(460);
        assertThat(tus.patch(c, third, 0, data).statusCode()).isEqualTo(204);
        eventually(() -> blobsWithSize(data.length) == 1);
    }

    @Test
    void aChunkOfManyBatchesIsCheckedWholeAndStoredAsTheContentItIs() throws Exception {
        // past two of the server's write batches, so both are filled and written again, in turn
        byte[] data = Tus.bytes(1_000_003, 16);
        TestUser alice = server.newUser("tus_batches");
        String path = tus.created(alice, data.length);
        byte[] other = data.clone();
        other[data.length - 1] ^= 1;
        HttpResponse<String> wrong = tus.patch(alice, path, 0, data, "sha256 " + Tus.sha256(other));
        assertThat(wrong.statusCode()).isEqualTo(460);
        assertThat(Tus.offset(tus.head(alice, path))).isZero();

        HttpResponse<String> right = tus.patch(alice, path, 0, data, "sha256 " + Tus.sha256(data));
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(Tus.offset(right)).isEqualTo(data.length);

        // alice's content was hashed from the file at the end (her refused chunk dropped the
        // running hash); bob's as it was written, batch after batch: the same content, stored once
        TestUser bob = server.newUser("tus_batches_b");
        String second = tus.created(bob, data.length);
        HttpResponse<String> whole = tus.patch(bob, second, 0, data, "sha256 " + Tus.sha256(data));
        assertThat(whole.statusCode()).isEqualTo(204);
        eventually(() -> blobsWithSize(data.length) == 1);
        try (java.util.stream.Stream<Path> all =
                Files.walk(server.dataDir().resolve("media/blobs"))) {
            Path blob =
                    all.filter(f -> Files.isRegularFile(f) && f.toFile().length() == data.length)
                            .findFirst()
                            .orElseThrow();
            assertThat(Files.readAllBytes(blob)).isEqualTo(data);
        }
    }

    static long blobsWithSize(long size) {
        return Tus.blobsWithSize(server.dataDir(), size);
    }
}
