package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.CuttingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code send --file} and {@code download} killed mid-transfer (SIGKILL of a real CLI process) and
 * run again: the transfer resumes, and the file that arrives is the one sent, byte for byte. A
 * proxy the test owns slows loopback down so the kill lands mid-transfer.
 */
class CliMediaIT {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 24 * MIB;
    private static final Pattern PERCENT = Pattern.compile("\\((\\d+)%\\)$");

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void aKilledUploadAndAKilledDownloadResumeAndTheFileArrivesWhole() throws Exception {
        Path file = work.resolve("big.bin");
        byte[] bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        try (CuttingProxy proxy = CuttingProxy.to(server.port())) {
            proxy.limitRate(8L * MIB);
            String alice = "climedia" + System.nanoTime();
            String bob = "climediab" + System.nanoTime();
            CliRun.register(home, proxy.port(), "alice", alice);
            CliRun.register(home, proxy.port(), "bob", bob);

            // Killed once the first 8 MiB chunk is on the server and the second is on its way.
            killAt(
                    60,
                    "upload big.bin",
                    "--profile",
                    "alice",
                    "send",
                    "@" + bob,
                    "--file",
                    file.toString());
            Path uploads = home.resolve("profiles").resolve("alice").resolve("uploads");
            assertThat(listed(uploads)).as("the upload is remembered for the next run").hasSize(1);

            // what the killed run had written still drains through the proxy: count from after it
            long sentBefore = settled(proxy::upstreamBytes);
            CliRun again =
                    CliRun.run(
                            home,
                            "",
                            "--profile",
                            "alice",
                            "--json",
                            "send",
                            "@" + bob,
                            "--file",
                            file.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(firstProgress(again.err())).as("resumed, not from zero").isGreaterThan(0);
            // A restart from zero would send all of it again (a retried chunk may go twice).
            assertThat(proxy.upstreamBytes() - sentBefore).isLessThan(SIZE);
            assertThat(listed(uploads)).as("forgotten once sent").isEmpty();

            CliRun history =
                    CliRun.run(home, "", "--profile", "bob", "--json", "history", "@" + alice);
            assertThat(history.exit()).as(history.err()).isZero();
            JsonNode received =
                    JsonView.mapper()
                            .readTree(history.out().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(received.at("/media/kind").asText()).isEqualTo("document");
            assertThat(received.at("/media/file/size").asLong()).isEqualTo(SIZE);
            assertThat(received.at("/media/file/name").asText()).isEqualTo("big.bin");
            String id = received.get("id").asText();

            Path out = work.resolve("got.bin");
            killAt(
                    40,
                    "download got.bin",
                    "--profile",
                    "bob",
                    "download",
                    "@" + alice,
                    id,
                    "-o",
                    out.toString());
            Path part = work.resolve("got.bin.part");
            assertThat(out).doesNotExist();
            long partSize = Files.size(part);
            assertThat(partSize).isPositive();

            long receivedBefore = settled(proxy::downstreamBytes);
            CliRun fetched =
                    CliRun.run(
                            home,
                            "",
                            "--profile",
                            "bob",
                            "download",
                            "@" + alice,
                            id,
                            "-o",
                            out.toString());
            assertThat(fetched.exit()).as(fetched.err()).isZero();
            assertThat(proxy.downstreamBytes() - receivedBefore)
                    .as("only what the .part lacked")
                    .isLessThan(SIZE - partSize + 64 * 1024);
            assertThat(part).doesNotExist();
            assertThat(sha256(out)).isEqualTo(sha256(file));
        }
    }

    /** Runs the CLI as its own process and SIGKILLs it once its progress passes {@code percent}. */
    private void killAt(int percent, String transfer, String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CHAPAR_HOME", home.toString());
        Process p = pb.start();
        CompletableFuture<String> reached = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(
                        () -> {
                            StringBuilder seen = new StringBuilder();
                            try (BufferedReader err =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    p.getErrorStream(), StandardCharsets.UTF_8))) {
                                for (String line = err.readLine();
                                        line != null;
                                        line = err.readLine()) {
                                    seen.append(line).append('\n');
                                    Matcher m = PERCENT.matcher(line);
                                    if (line.startsWith(transfer)
                                            && m.find()
                                            && Integer.parseInt(m.group(1)) >= percent
                                            && Integer.parseInt(m.group(1)) < 100) {
                                        p.destroyForcibly();
                                        reached.complete(line);
                                    }
                                }
                            } catch (Exception e) {
                                // the process is gone
                            }
                            reached.completeExceptionally(
                                    new AssertionError(
                                            "no progress past " + percent + "%: " + seen));
                        });
        String line = reached.get(60, TimeUnit.SECONDS);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed at " + line).isNotZero();
    }

    /** The counter once it has not moved for half a second (at most 10 s). */
    private static long settled(java.util.function.LongSupplier counter)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = counter.getAsLong();
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            long now = counter.getAsLong();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long firstProgress(String err) throws Exception {
        for (String line : err.lines().toList()) {
            if (line.contains("\"progress\"")) {
                return JsonView.mapper().readTree(line).at("/progress/done").asLong();
            }
        }
        throw new AssertionError("no progress line in " + err);
    }

    private static List<Path> listed(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                d.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
