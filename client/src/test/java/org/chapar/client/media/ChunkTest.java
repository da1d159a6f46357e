package org.chapar.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

class ChunkTest {
    @TempDir Path dir;

    @Test
    void theBodyIsTheFilesBytesAtTheOffsetAndTheChecksumIsTheirs() throws Exception {
        byte[] content = new byte[700 * 1024 + 13];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        Chunk chunk = new Chunk(600 * 1024, false);
        List<Long> progress = new ArrayList<>();

        chunk.read(file, 100_000, 600 * 1024);
        byte[] sent = drain(chunk.body(progress::add));

        byte[] expected = Arrays.copyOfRange(content, 100_000, 100_000 + 600 * 1024);
        assertThat(sent).isEqualTo(expected);
        assertThat(chunk.checksum())
                .isEqualTo(
                        "sha256 "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                MessageDigest.getInstance("SHA-256")
                                                        .digest(expected)));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(expected);
        assertThat(new Chunk(600 * 1024, true).read(file, 100_000, 600 * 1024).checksum())
                .isEqualTo(
                        "crc32c "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                java.nio.ByteBuffer.allocate(4)
                                                        .putInt((int) crc.getValue())
                                                        .array()));
        assertThat(chunk.body(p -> {}).contentLength()).isEqualTo(600 * 1024);
        assertThat(progress)
                .containsExactly(
                        100_000L + 256 * 1024, 100_000L + 512 * 1024, 100_000L + 600 * 1024);
    }

    @Test
    void aReusedChunkHoldsOnlyTheNextChunksBytes() throws Exception {
        byte[] content = new byte[300 * 1024];
        new Random(8).nextBytes(content);
        Path file = Files.write(dir.resolve("g"), content);
        Chunk chunk = new Chunk(280 * 1024, false);

        chunk.read(file, 0, 280 * 1024);
        chunk.read(file, 280 * 1024, 20 * 1024);

        assertThat(drain(chunk.body(p -> {})))
                .isEqualTo(Arrays.copyOfRange(content, 280 * 1024, 300 * 1024));
    }

    @Test
    void aSubscriberAskingForOneSliceAtATimeGetsThemAllInOrder() throws Exception {
        byte[] content = new byte[900 * 1024];
        new Random(9).nextBytes(content);
        Path file = Files.write(dir.resolve("i"), content);
        Chunk chunk = new Chunk(900 * 1024, false);

        chunk.read(file, 0, 900 * 1024);

        assertThat(drain(chunk.body(p -> {}), 1)).isEqualTo(content);
        assertThat(drain(chunk.body(p -> {}), 1)).isEqualTo(content); // the slices are kept
    }

    @Test
    void aFileThatShrankIsAnError() throws Exception {
        Path file = Files.write(dir.resolve("h"), new byte[1000]);

        assertThatThrownBy(() -> new Chunk(4096, false).read(file, 0, 4096))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shrank");
    }

    private static byte[] drain(Flow.Publisher<ByteBuffer> body) throws Exception {
        return drain(body, Long.MAX_VALUE);
    }

    /** Asks for {@code batch} buffers at first and again after each one that arrives. */
    private static byte[] drain(Flow.Publisher<ByteBuffer> body, long batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(
                new Flow.Subscriber<>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription = s;
                        s.request(batch);
                    }

                    @Override
                    public void onNext(ByteBuffer b) {
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        out.writeBytes(bytes);
                        if (batch != Long.MAX_VALUE) {
                            subscription.request(1);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(null);
                    }
                });
        done.get(10, TimeUnit.SECONDS);
        return out.toByteArray();
    }
}
