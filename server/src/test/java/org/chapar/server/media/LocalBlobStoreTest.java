package org.chapar.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

class LocalBlobStoreTest {
    @TempDir Path dir;

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void putThenReadRangesAndDelete() throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        byte[] data = bytes(100_000);
        assertThat(blobs.put("blob-0001", new ByteArrayInputStream(data))).isEqualTo(100_000);
        assertThat(blobs.size("blob-0001")).hasValue(100_000);
        try (InputStream in = blobs.open("blob-0001", 10, 1000)) {
            byte[] got = in.readAllBytes();
            assertThat(got).hasSize(1000);
            assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 1010));
        }
        assertThatThrownBy(() -> blobs.open("blob-0001", 99_999, 2))
                .isInstanceOf(IOException.class);
        assertThat(blobs.localFile("blob-0001")).isPresent();
        assertThat(blobs.delete("blob-0001")).isTrue();
        assertThat(blobs.delete("blob-0001")).isFalse();
        assertThat(blobs.size("blob-0001")).isEmpty();
        assertThat(blobs.localFile("blob-0001")).isEmpty();
    }

    @Test
    void putFileConsumesTheSource() throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(dir.resolve("blobs"));
        Path source = Files.write(dir.resolve("upload"), bytes(5000));
        assertThat(blobs.putFile("blob-0002", source)).isEqualTo(5000);
        assertThat(source).doesNotExist();
        try (InputStream in = blobs.open("blob-0002", 0, 5000)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(5000));
        }
    }

    /** A writer that fails midway leaves no blob under the key and nothing in tmp/. */
    @Test
    void aFailedPutLeavesNothingHalfWritten() throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        InputStream failing =
                new InputStream() {
                    int n;

                    @Override
                    public int read() throws IOException {
                        if (++n > 10_000) {
                            throw new IOException("connection cut");
                        }
                        return 7;
                    }
                };
        assertThatThrownBy(() -> blobs.put("blob-0003", failing)).hasMessage("connection cut");
        assertThat(blobs.size("blob-0003")).isEmpty();
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void debrisOfACrashIsClearedOnOpen() throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Path old = Files.write(dir.resolve("tmp").resolve("old.part"), bytes(10));
        Files.setLastModifiedTime(
                old,
                java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis() - 7_200_000));
        Path fresh = Files.write(dir.resolve("tmp").resolve("fresh.part"), bytes(10));
        new LocalBlobStore(dir);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists(); // maybe another node's write under way
    }

    @Test
    void keysCannotEscapeTheDirectory() throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        assertThatThrownBy(() -> blobs.size("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.put("a/b", InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
