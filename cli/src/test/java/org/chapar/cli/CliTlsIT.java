package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.ChaparServer;
import org.chapar.server.tls.Pins;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestCertificates;
import org.chapar.testkit.TestCertificates.KeyForm;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The CLI over https://: a self-hosted certificate is refused with its pin until the user gives
 * --pin, which the profile then keeps for that server; an expired one is refused even pinned.
 */
class CliTlsIT {
    @TempDir Path dir;

    private ChaparServer serve(TestCertificates.Issued issued) {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        issued.write(cert, key, KeyForm.PKCS8);
        return ChaparServer.start(
                TestConfigs.forTests(dir.resolve("data")).withTls(new TlsSource.Files(cert, key)));
    }

    private CliRun register(String name, int port, String... more) {
        String[] base = {
            "--profile",
            name,
            "register",
            name,
            "--server",
            "https://127.0.0.1:" + port,
            "--password-stdin"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.run(dir.resolve("home"), "password-" + name + "\n", all);
    }

    @Test
    void aSelfSignedServerIsRefusedWithItsPinThenAcceptedAndRememberedOncePinned() {
        TestCertificates.Issued self = TestCertificates.selfSigned("chapar.lan");
        String pin = Pins.of(self.leaf());
        try (ChaparServer server = serve(self)) {
            CliRun refused = register("tls_alice", server.port());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err())
                    .contains("not signed by an authority this client trusts")
                    .contains("pin its key: " + pin);

            CliRun wrongPin =
                    register(
                            "tls_alice",
                            server.port(),
                            "--pin",
                            Pins.of(TestCertificates.selfSigned("x").leaf()));
            assertThat(wrongPin.exit()).isNotZero();
            assertThat(wrongPin.err()).contains("neither pinned nor signed");

            CliRun badForm = register("tls_alice", server.port(), "--pin", "sha256/short");
            assertThat(badForm.exit()).isNotZero();
            assertThat(badForm.err()).contains("sha256/ and the base64 of 32 bytes");

            CliRun ok = register("tls_alice", server.port(), "--pin", pin);
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("@tls_alice");

            // later commands use the pin the profile kept
            CliRun whoami = CliRun.run(dir.resolve("home"), "", "--profile", "tls_alice", "whoami");
            assertThat(whoami.exit()).as(whoami.err()).isZero();
            assertThat(whoami.out()).contains("tls_alice");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedEvenPinned() {
        TestCertificates ca = TestCertificates.authority("Test CA");
        Instant now = Instant.now();
        TestCertificates.Issued expired =
                ca.issue(
                        "EC",
                        now.minus(Duration.ofDays(3)),
                        now.minus(Duration.ofDays(1)),
                        "localhost",
                        "127.0.0.1");
        try (ChaparServer server = serve(expired)) {
            CliRun r = register("tls_bob", server.port(), "--pin", Pins.of(expired.leaf()));
            assertThat(r.exit()).isNotZero();
            assertThat(r.err()).contains("the server's certificate expired at");
        }
    }
}
