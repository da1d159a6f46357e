package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** `chapar server` ACME options that cannot work are refused before anything starts. */
class ServerAcmeOptionsTest {
    @TempDir Path home;

    private CliRun server(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "server";
        args[1] = "--data";
        args[2] = home.resolve("data").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.run(home, "", args);
    }

    @Test
    void aDomainWithoutADirectoryIsRefused() {
        CliRun r = server("--acme-domain", "chat.example", "--http-port", "0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--acme-domain and --acme-directory go together");
    }

    @Test
    void aDirectoryThatIsNotHttpsIsRefused() {
        CliRun r =
                server(
                        "--acme-domain",
                        "chat.example",
                        "--acme-directory",
                        "ftp://ca.example/dir",
                        "--http-port",
                        "0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("the ACME directory is an https:// URL");
    }

    @Test
    void acmeAndCertificateFilesTogetherAreRefused() {
        CliRun r =
                server(
                        "--acme-domain",
                        "chat.example",
                        "--acme-directory",
                        "https://127.0.0.1:1/dir",
                        "--tls",
                        "self-signed");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("ACME or --tls/--tls-cert/--tls-key, not both");
    }

    @Test
    void http01WithoutThePlainPortIsRefused() {
        CliRun r =
                server(
                        "--acme-domain",
                        "chat.example",
                        "--acme-directory",
                        "https://127.0.0.1:1/dir",
                        "--acme-challenge",
                        "http-01");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("give --http-port").contains("--acme-challenge tls-alpn-01");
    }

    @Test
    void anUnknownChallengeIsRefused() {
        CliRun r =
                server(
                        "--acme-domain",
                        "chat.example",
                        "--acme-directory",
                        "https://127.0.0.1:1/dir",
                        "--acme-challenge",
                        "dns-01");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("the ACME challenge is http-01 or tls-alpn-01 (got dns-01)");
    }
}
