package org.chapar.it.media;

import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/** tus requests over java.net.http, as a test drives them: every header is the test's to set. */
public final class Tus {
    static final String PATH = "/media/uploads";
    private final Function<String, URI> origin;
    private final HttpClient http = HttpClient.newHttpClient();

    public Tus(ChaparServerExtension server) {
        this(server::httpUri);
    }

    /** tus against the node whose URI of a path {@code origin} answers (a server process). */
    public Tus(Function<String, URI> origin) {
        this.origin = origin;
    }

    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The base64 of a CRC-32C's 4 bytes, big-endian, as Upload-Checksum carries it. */
    static String crc32c(byte[] b) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b);
        return Base64.getEncoder()
                .encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    static String sha256(byte[] b) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String path, TestUser user) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(origin.apply(path)).header("Tus-Resumable", "1.0.0");
        if (user != null) {
            b.header("Authorization", "Bearer " + user.token());
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST creation; answers the response (Location in it). */
    HttpResponse<String> create(TestUser user, long length, String metadata) {
        HttpRequest.Builder b =
                request(PATH, user)
                        .header("Upload-Length", Long.toString(length))
                        .POST(BodyPublishers.noBody());
        if (metadata != null) {
            b.header("Upload-Metadata", metadata);
        }
        return send(b);
    }

    /** Creates and answers the upload's path. */
    String created(TestUser user, long length) {
        HttpResponse<String> r = create(user, length, "filename " + b64("notes.txt"));
        if (r.statusCode() != 201) {
            throw new AssertionError("creation answered " + r.statusCode() + " " + r.body());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
    }

    HttpResponse<String> patch(TestUser user, String path, long offset, byte[] body) {
        return send(
                request(path, user)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", BodyPublishers.ofByteArray(body)));
    }

    /** A PATCH carrying {@code checksum} as its Upload-Checksum header ("ALGORITHM BASE64"). */
    HttpResponse<String> patch(
            TestUser user, String path, long offset, byte[] body, String checksum) {
        return send(
                request(path, user)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Checksum", checksum)
                        .method("PATCH", BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> head(TestUser user, String path) {
        return send(request(path, user).method("HEAD", BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(TestUser user, String path) {
        return send(request(path, user).DELETE());
    }

    static long offset(HttpResponse<?> r) {
        return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** Upload and finish a whole file in one PATCH; answers the upload id. */
    public String upload(TestUser user, byte[] data, String metadata) {
        HttpResponse<String> c = create(user, data.length, metadata);
        if (c.statusCode() != 201) {
            throw new AssertionError("creation answered " + c.statusCode() + " " + c.body());
        }
        String path = URI.create(c.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> p = patch(user, path, 0, data);
        if (p.statusCode() != 204 || offset(p) != data.length) {
            throw new AssertionError("PATCH answered " + p.statusCode() + " " + p.body());
        }
        return path.substring(PATH.length() + 1);
    }

    /** Files of {@code size} bytes in the server's content store (not its half-written ones). */
    public static long blobsWithSize(Path dataDir, long size) {
        try (Stream<Path> all = Files.walk(dataDir.resolve("media/blobs"))) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp"))
                    .filter(p -> p.toFile().length() == size)
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
