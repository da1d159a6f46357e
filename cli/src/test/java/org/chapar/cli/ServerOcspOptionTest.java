package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** `--ocsp-stapling` takes on or off, from the command line or the config file. */
class ServerOcspOptionTest {
    @TempDir Path home;

    @Test
    void aValueOtherThanOnOrOffIsRefusedBeforeAnythingStarts() {
        CliRun r =
                CliRun.run(
                        home,
                        "",
                        "server",
                        "--data",
                        home.resolve("data").toString(),
                        "--ocsp-stapling",
                        "yes");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--ocsp-stapling is on or off (got yes)");
    }
}
