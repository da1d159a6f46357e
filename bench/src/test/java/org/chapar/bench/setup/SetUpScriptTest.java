package org.chapar.bench.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What run-tests' set-up (scripts/services.sh) tells someone who cannot install: the thing that is
 * missing and the command that gets it, and a non-zero status, instead of a test failing later. The
 * user is made non-root by shadowing {@code id}, so nothing is installed on this machine.
 */
class SetUpScriptTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Run(int status, String stderr) {}

    private static Run setUp(String env) throws IOException, InterruptedException {
        String script =
                "id() { echo 1000; }; root=\""
                        + ROOT
                        + "\"; source \"$root/scripts/services.sh\"; "
                        + env
                        + " chapar_require_services";
        Process p =
                new ProcessBuilder("bash", "-c", script)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aMachineWithoutEjabberdIsToldWhatIsMissingAndHowToGetIt() throws Exception {
        assertThat(ROOT.resolve("scripts/install-ejabberd.sh")).exists();
        Run r = setUp("CHAPAR_EJABBERDCTL=/nonexistent/ejabberdctl");
        assertThat(r.status()).isNotZero();
        assertThat(r.stderr())
                .contains("ejabberd (with erlang-p1-sqlite3 and sqlite3) is missing")
                .contains("scripts/install-ejabberd.sh");
        assertThat(r.stderr()).doesNotContain("installing");
    }

    @Test
    void aMachineWithoutChromiumIsToldWhatIsMissingAndHowToGetIt() throws Exception {
        Run r = setUp("CHAPAR_CHROMIUM=/nonexistent/chromium");
        assertThat(r.status()).isNotZero();
        assertThat(r.stderr()).contains("chromium is missing").contains("apt-get install chromium");
        assertThat(r.stderr()).doesNotContain("installing");
    }

    @Test
    void aMachineWithoutPebbleIsToldHowToGetIt() throws Exception {
        Run r = setUp("CHAPAR_PEBBLE=/nonexistent/pebble");
        assertThat(r.stderr()).contains("pebble is missing").contains("apt-get install pebble");
        assertThat(r.stderr()).doesNotContain("installing");
    }

    @Test
    void anUnknownServiceIsNamedWithTheKnownOnes() throws Exception {
        Path ctl = Files.createTempFile("ejabberdctl", "");
        try {
            ctl.toFile().setExecutable(true);
            Run r = setUp("CHAPAR_EJABBERDCTL=" + ctl + " CHAPAR_TEST_SERVICES=redis-cluster");
            assertThat(r.status()).isNotZero();
            assertThat(r.stderr())
                    .contains("unknown service 'redis-cluster'")
                    .contains("postgres nats");
        } finally {
            Files.delete(ctl);
        }
    }
}
