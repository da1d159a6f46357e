package org.chapar.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpResponseStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** One writer of a partial file at a time, whichever node (channel) it is. */
class PartialFileTest {
    @TempDir Path dir;

    @Test
    void aSecondChannelOnAHeldFileIsLockedOutUntilTheFirstCloses() throws IOException {
        Path partial = Files.createFile(dir.resolve("upload"));

        try (PartialFile first = PartialFile.lock(partial)) {
            first.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThatThrownBy(() -> PartialFile.lock(partial))
                    .isInstanceOfSatisfying(
                            HttpError.class,
                            e -> {
                                assertThat(e.status).isEqualTo(HttpResponseStatus.LOCKED);
                                assertThat(e.code).isEqualTo("UPLOAD_LOCKED");
                            });
        }

        try (PartialFile second = PartialFile.lock(partial)) {
            assertThat(second.channel().size()).isEqualTo(3);
        }
    }

    @Test
    void aFileRemovedMeanwhileIsAnUploadNotFound() {
        assertThatThrownBy(() -> PartialFile.lock(dir.resolve("gone")))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.code).isEqualTo("UPLOAD_NOT_FOUND"));
    }
}
