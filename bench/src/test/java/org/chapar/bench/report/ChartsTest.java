package org.chapar.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.load.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

class ChartsTest {
    @Test
    void writesALatencyAndAThroughputPng(@TempDir Path dir) throws Exception {
        Result r =
                new Result("direct max", "chapar")
                        .intervals(
                                List.of(
                                        new Interval(1, 1000, 1000, 1, 5, 9, 12),
                                        new Interval(2, 1200, 1200, 1.5, 6, 10, 20)));

        List<Path> files = Charts.write(dir.resolve("run"), r);

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("run-latency.png", "run-throughput.png");
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isEqualTo(900);
        }
    }

    @Test
    void aResultWithoutIntervalsHasNoCharts(@TempDir Path dir) throws Exception {
        assertThat(Charts.write(dir.resolve("idle"), new Result("idle", "chapar"))).isEmpty();
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertThat(Charts.niceCeiling(73)).isEqualTo(100);
        assertThat(Charts.niceCeiling(18)).isEqualTo(20);
        assertThat(Charts.niceCeiling(0)).isEqualTo(1);
    }
}
