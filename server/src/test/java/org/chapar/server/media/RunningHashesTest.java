package org.chapar.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

class RunningHashesTest {
    @TempDir Path dir;

    private final RunningHashes hashes = new RunningHashes();
    private final byte[] data = new byte[10_000];

    {
        new Random(7).nextBytes(data);
    }

    private void write(String id, int from, int to, int kept) {
        RunningHashes.Running r = hashes.resume(id, from);
        assertThat(r).isNotNull();
        RunningHashes.update(r, ByteBuffer.wrap(Arrays.copyOfRange(data, from, to)));
        hashes.settled(id, r, to - from, kept);
    }

    private String fileSha() throws Exception {
        Path p = dir.resolve("f");
        Files.write(p, data);
        return Content.sha256(p);
    }

    @Test
    void requestsAfterEachOtherHashTheWholeUploadOnce() throws Exception {
        write("u", 0, 4000, 4000);
        write("u", 4000, 10_000, 6000);
        assertThat(hashes.finished("u", data.length)).isEqualTo(fileSha());
        assertThat(hashes.finished("u", data.length)).as("given once").isNull();
    }

    @Test
    void aRequestThatKeptLessThanItHashedLeavesNoRunningHash() {
        write("u", 0, 4000, 4000);
        write("u", 4000, 8000, 0); // a checksum mismatch cut it back
        assertThat(hashes.resume("u", 4000)).isNull();
        assertThat(hashes.finished("u", data.length)).isNull();
    }

    @Test
    void anOffsetItDoesNotCoverGetsNoneAndAFreshStartBeginsAgain() throws Exception {
        write("u", 0, 4000, 4000);
        assertThat(hashes.resume("u", 6000)).isNull();
        assertThat(hashes.resume("v", 500)).as("after a restart: nothing known").isNull();
        write("u", 0, 10_000, 10_000); // the client started over
        assertThat(hashes.finished("u", data.length)).isEqualTo(fileSha());
    }

    @Test
    void aHashShortOfTheLengthIsNotAnAnswerAndForgetDropsIt() {
        write("u", 0, 4000, 4000);
        assertThat(hashes.finished("u", data.length)).isNull();
        write("w", 0, 4000, 4000);
        hashes.forget("w");
        assertThat(hashes.resume("w", 4000)).isNull();
    }
}
