package org.chapar.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.chapar.bench.driver.Account;
import org.chapar.bench.report.Result;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 8: one file of {@code mib} MiB up and down through the real CLI (a process of its own,
 * as a user runs it: {@code ./chapar send @me --file}, then {@code ./chapar download}, through the
 * {@code launcher}, the checkout's {@code chapar} script, which runs {@code cliJar} given as
 * CHAPAR_JAR with the JVM options and the start-up cache every user's command gets; the first
 * command, the untimed login, makes the cache), beside what the disk does ({@code dd} writing as
 * much with {@code conv=fsync}) and what {@code curl} does against the same port in the same run (a
 * tus PATCH of the whole file, a GET of it). Throughput is the file's size over each command's wall
 * time, the CLI's JVM start included.
 */
public record BigFile(int mib, Path cliJar, Path launcher, Path dir) {
    private static final int MIB = 1 << 20;
    private static final int CHUNK = 8 * MIB;

    public Result run(Run run, URI origin) throws Exception {
        long size = (long) mib * MIB;
        Path file = dir.resolve("big.bin");
        run.log("writing %d MiB of random bytes", mib);
        String sentSum = writeRandom(file, size);
        Account me = run.driver().provision(run.accountPrefix() + "f", 1).getFirst();
        Path home = Files.createDirectories(dir.resolve("cli-home"));

        double dd = seconds(() -> dd(dir.resolve("dd.bin"), mib));
        Files.deleteIfExists(dir.resolve("dd.bin"));
        cli(
                home,
                me.password() + "\n",
                "login",
                me.username(),
                "--server",
                origin.toString(),
                "--password-stdin");

        // what a CLI command costs besides the file: its JVM, the connection, one message
        sync();
        double start = seconds(() -> cli(home, "", "send", "@me", "the file follows"));
        List<String> sent = new ArrayList<>();
        sync(); // the random file's pages are on the disk, not written back during the upload
        double up =
                seconds(
                        () ->
                                sent.add(
                                        cli(
                                                home,
                                                "",
                                                "--json",
                                                "send",
                                                "@me",
                                                "--file",
                                                file.toString(),
                                                "--as",
                                                "document")));
        JsonNode message = lastJson(sent.getFirst()).path("message");
        String messageId = message.path("id").asText();
        String fileId = message.at("/media/file/id").asText();
        if (messageId.isEmpty() || fileId.isEmpty()) {
            throw new IllegalStateException(
                    "the CLI's send printed no message with a file: " + sent);
        }
        Path down = dir.resolve("down.bin");
        sync();
        double downCli =
                seconds(() -> cli(home, "", "download", "@me", messageId, "-o", down.toString()));
        String gotSum = sha256(down);
        Files.deleteIfExists(down);

        Path curlDown = dir.resolve("curl-down.bin");
        sync();
        double curlGet =
                seconds(
                        () ->
                                exec(
                                        "curl",
                                        "-sS",
                                        "--fail",
                                        "-o",
                                        curlDown.toString(),
                                        "-H",
                                        "Authorization: Bearer " + me.token(),
                                        origin.resolve("/media/files/" + fileId).toString()));
        String curlSum = sha256(curlDown);
        Files.deleteIfExists(curlDown);
        sync();
        double curlUp = seconds(() -> curlUpload(origin, me.token(), file, size));
        sync();
        double curlChunks =
                seconds(() -> curlUploadInChunks(origin, me.token(), file, size, CHUNK));
        Files.deleteIfExists(file);
        if (!sentSum.equals(gotSum) || !sentSum.equals(curlSum)) {
            throw new IllegalStateException("a download differs from the file sent");
        }

        double mibs = mib;
        return new Result("one big file", run.target().name())
                .parameter("size", mib + " MiB")
                .metric("disk write (dd conv=fsync)", mibs / dd, "MiB/s")
                .metric("upload, CLI send --file", mibs / up, "MiB/s")
                .metric("upload, CLI, start-up excluded", mibs / (up - start), "MiB/s")
                .metric("upload, curl tus PATCH", mibs / curlUp, "MiB/s")
                .metric("upload, curl 8 MiB PATCHes + checksum", mibs / curlChunks, "MiB/s")
                .metric("download, CLI download", mibs / downCli, "MiB/s")
                .metric("download, curl GET", mibs / curlGet, "MiB/s")
                .metric("CLI start-up (send of one text)", start, "s")
                .metric("CLI upload / disk", dd / up, "ratio")
                .metric("CLI download / disk", dd / downCli, "ratio")
                .note(
                        "checksums",
                        "the CLI's and curl's downloads are the file sent, byte for byte");
    }

    /** Dirty pages of earlier steps go to the disk before a step is timed. */
    private static void sync() throws Exception {
        exec("sync");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double seconds(Step step) throws Exception {
        long t = System.nanoTime();
        step.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static String writeRandom(Path file, long size) throws IOException {
        MessageDigest sha = sha();
        SplittableRandom random = new SplittableRandom(16);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += MIB) {
                for (int i = 0; i < MIB; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) block[i + k] = (byte) (v >>> (8 * k));
                }
                out.write(block);
                sha.update(block);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = sha();
        byte[] buffer = new byte[MIB];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dd(Path out, int mib) throws IOException, InterruptedException {
        exec(
                "dd",
                "if=/dev/zero",
                "of=" + out,
                "bs=1M",
                "count=" + mib,
                "conv=fsync",
                "status=none");
    }

    /** tus creation, then the whole file in one PATCH streamed from disk by curl. */
    private static void curlUpload(URI origin, String token, Path file, long size)
            throws IOException, InterruptedException {
        URI upload = createUpload(origin, token, size);
        exec(curlPatch(upload, token, 0, "-T", file.toString()).toArray(String[]::new));
    }

    /**
     * tus creation, then PATCHes of {@code chunk} bytes, each with its {@code Upload-Checksum}, as
     * the CLI sends them: what the server's end of each request costs, without the JDK's client.
     */
    private static void curlUploadInChunks(
            URI origin, String token, Path file, long size, int chunk)
            throws IOException, InterruptedException {
        URI upload = createUpload(origin, token, size);
        byte[] body = new byte[chunk];
        try (InputStream in = Files.newInputStream(file)) {
            for (long offset = 0; offset < size; ) {
                int n = in.readNBytes(body, 0, (int) Math.min(chunk, size - offset));
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(body, 0, n);
                List<String> cmd =
                        curlPatch(
                                upload,
                                token,
                                offset,
                                "--data-binary",
                                "@-",
                                "-H",
                                "Upload-Checksum: sha256 "
                                        + Base64.getEncoder().encodeToString(sha.digest()));
                Process p =
                        new ProcessBuilder(cmd)
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                try (OutputStream stdin = p.getOutputStream()) {
                    stdin.write(body, 0, n);
                }
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IOException("curl PATCH at " + offset + " failed: " + p.exitValue());
                }
                offset += n;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI createUpload(URI origin, String token, long size)
            throws IOException, InterruptedException {
        String headers =
                exec(
                        "curl",
                        "-sS",
                        "--fail",
                        "-D",
                        "-",
                        "-o",
                        "/dev/null",
                        "-X",
                        "POST",
                        "-H",
                        "Tus-Resumable: 1.0.0",
                        "-H",
                        "Authorization: Bearer " + token,
                        "-H",
                        "Upload-Length: " + size,
                        origin.resolve("/media/uploads").toString());
        String location =
                headers.lines()
                        .filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                        .map(l -> l.substring(9).strip())
                        .findFirst()
                        .orElseThrow(() -> new IOException("no Location: " + headers));
        return origin.resolve(location);
    }

    private static List<String> curlPatch(URI upload, String token, long offset, String... body) {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "curl",
                                "-sS",
                                "--fail",
                                "-o",
                                "/dev/null",
                                "-X",
                                "PATCH",
                                "-H",
                                "Tus-Resumable: 1.0.0",
                                "-H",
                                "Authorization: Bearer " + token,
                                "-H",
                                "Content-Type: application/offset+octet-stream",
                                "-H",
                                "Upload-Offset: " + offset,
                                "-H",
                                "Expect:"));
        cmd.addAll(List.of(body));
        cmd.add(upload.toString());
        return cmd;
    }

    private String cli(Path home, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CHAPAR_HOME", home.toString());
        pb.environment().put("CHAPAR_JAR", cliJar.toAbsolutePath().toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return finish(pb, stdin);
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        return finish(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT), "");
    }

    private static String finish(ProcessBuilder pb, String stdin)
            throws IOException, InterruptedException {
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(
                    String.join(" ", pb.command().subList(0, Math.min(4, pb.command().size())))
                            + " failed: "
                            + out);
        }
        return out;
    }

    private static JsonNode lastJson(String out) throws IOException {
        String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
        return new ObjectMapper().readTree(last);
    }
}
