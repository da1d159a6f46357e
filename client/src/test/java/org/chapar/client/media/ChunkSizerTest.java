package org.chapar.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFastLinkGrowsTheChunkAtMostFourfoldAtATimeUpToTheLargest() {
        ChunkSizer sizer = new ChunkSizer(0);
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.FIRST);

        sizer.sent(ChunkSizer.FIRST, SECOND / 100); // 100 MiB/s: 2 s would be 200 MiB
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(4 * ChunkSizer.FIRST);
        for (int i = 0; i < 5; i++) {
            sizer.sent(sizer.next(Long.MAX_VALUE), SECOND / 100);
        }
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.MAX);
    }

    @Test
    void aSlowLinkShrinksTheChunkToAboutTwoSecondsOfIt() {
        ChunkSizer sizer = new ChunkSizer(0);
        sizer.sent(ChunkSizer.FIRST, 4 * SECOND); // 256 KiB/s
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.FIRST / 2);
        sizer.sent(ChunkSizer.FIRST / 2, 2 * SECOND);
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.FIRST / 2);
        sizer.sent(ChunkSizer.FIRST / 2, 60 * SECOND);
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.MIN);
    }

    @Test
    void aCutQuartersTheChunkButNeverBelowTheSmallest() {
        ChunkSizer sizer = new ChunkSizer(0);
        sizer.cut();
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.MIN);
        sizer.cut();
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.MIN);
    }

    @Test
    void theLastShorterChunkAndAFixedSizeLeaveTheSizeAlone() {
        ChunkSizer sizer = new ChunkSizer(0);
        assertThat(sizer.next(1000)).isEqualTo(1000);
        sizer.sent(1000, 1);
        assertThat(sizer.next(Long.MAX_VALUE)).isEqualTo(ChunkSizer.FIRST);

        ChunkSizer fixed = new ChunkSizer(5000);
        fixed.sent(5000, 1);
        fixed.cut();
        assertThat(fixed.next(Long.MAX_VALUE)).isEqualTo(5000);
        assertThat(fixed.largest()).isEqualTo(5000);
    }
}
