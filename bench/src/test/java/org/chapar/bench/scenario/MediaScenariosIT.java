package org.chapar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.bench.report.Result;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The media scenarios against a real server at a small scale, with the real CLI, curl and dd. */
class MediaScenariosIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withRateLimits(RateLimits.unlimited()));

    private static ScenarioBench bench;

    @TempDir Path dir;

    @BeforeAll
    static void generator() {
        bench = new ScenarioBench(server.port());
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    @Test
    void photoUploadsAreCountedAndTimedAndTheDirectScenarioRunsBesideThem() throws Exception {
        Direct chat = new Direct(2, 20, 8, Duration.ofMillis(500), Duration.ofSeconds(2), 32);
        List<Result> results =
                new MediaUploads(3, 64 * 1024, 1, chat).run(bench.run("mu"), bench.origin());

        assertThat(results).hasSize(3);
        assertThat(results.get(0).parameters()).containsEntry("uploads", "none");
        assertThat(results.get(1).metric("delivered").value()).isPositive();
        Result uploads = results.get(2);
        assertThat(uploads.metric("failed").value()).isZero();
        double rounds = ((Number) uploads.parameters().get("rounds")).doubleValue();
        assertThat(rounds).isPositive();
        assertThat(uploads.metric("uploads").value()).isEqualTo(3 * rounds);
        assertThat(uploads.metric("time per upload p50").value()).isPositive();
    }

    @Test
    void aBigFileGoesUpAndDownThroughTheCliAndCurlByteForByte() throws Exception {
        Path cli = Path.of(System.getProperty("user.dir")).resolveSibling("cli/target/chapar.jar");
        assertThat(cli).as("the CLI jar, built before this module").exists();

        Path launcher = cli.getParent().getParent().resolveSibling("chapar");
        Result r = new BigFile(8, cli, launcher, dir).run(bench.run("bf"), bench.origin());

        assertThat(r.metric("upload, CLI send --file").value()).isPositive();
        assertThat(r.metric("download, curl GET").value()).isPositive();
        assertThat(r.metric("disk write (dd conv=fsync)").value()).isPositive();
        try (var left = Files.list(dir)) {
            assertThat(left.filter(Files::isRegularFile)).as("temporary files removed").isEmpty();
        }
    }
}
