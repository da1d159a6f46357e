package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.server.ChaparServer;
import org.chapar.server.tls.Pins;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestCertificates;
import org.chapar.testkit.TestCertificates.KeyForm;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SDK verifies wss:// as a browser does (chain to a trusted root, the host's name, dates) and
 * takes a certificate no authority signed only when its key is pinned; each refusal says why. The
 * server refuses plain HTTP off loopback unless told otherwise.
 */
class ClientVerificationIT {
    @TempDir Path dir;

    private ChaparServer serve(TestCertificates.Issued issued) {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        issued.write(cert, key, KeyForm.PKCS8);
        return ChaparServer.start(
                TestConfigs.forTests(dir.resolve("data")).withTls(new TlsSource.Files(cert, key)));
    }

    private static URI wss(String host, ChaparServer server) {
        return URI.create("wss://" + host + ":" + server.port() + "/ws");
    }

    private static void assertRefused(ChaparClient.Builder client, String why) {
        try (ChaparClient c = client.build()) {
            assertThatThrownBy(() -> c.connect().join())
                    .cause()
                    .isInstanceOf(ChaparException.class)
                    .hasMessageContaining("cannot connect to")
                    .hasMessageContaining(why);
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        TestCertificates ca = TestCertificates.authority("Test CA");
        try (ChaparServer server = serve(ca.issue("EC", "chat.example.org"))) {
            assertRefused(
                    ChaparClient.builder(wss("127.0.0.1", server))
                            .trustedRoots(List.of(ca.certificate())),
                    "the server's certificate is for [chat.example.org], not for 127.0.0.1");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedEvenWhenPinned() {
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
            assertRefused(
                    ChaparClient.builder(wss("localhost", server))
                            .trustedRoots(List.of(ca.certificate())),
                    "the server's certificate expired at");
            assertRefused(
                    ChaparClient.builder(wss("localhost", server)).pin(Pins.of(expired.leaf())),
                    "the server's certificate expired at");
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedWithItsPinAndAcceptedOncePinned() {
        TestCertificates.Issued self = TestCertificates.selfSigned("chapar.lan");
        String pin = Pins.of(self.leaf());
        try (ChaparServer server = serve(self)) {
            assertRefused(
                    ChaparClient.builder(wss("127.0.0.1", server)),
                    "not signed by an authority this client trusts (self-signed?); if you know"
                            + " this server, pin its key: "
                            + pin);
            assertRefused(
                    ChaparClient.builder(wss("127.0.0.1", server))
                            .pin(Pins.of(TestCertificates.selfSigned("other").leaf())),
                    "neither pinned nor signed by a trusted authority; its pin is " + pin);

            // pinned: the name (chapar.lan, reached as 127.0.0.1) does not matter
            try (ChaparClient c = ChaparClient.builder(wss("127.0.0.1", server)).pin(pin).build()) {
                c.connect().join();
                c.register("pinned_1", "correct horse battery", "Pinned", "test").join();
                assertThat(c.getMe().join().getUsername()).isEqualTo("pinned_1");
            }
        }
    }

    @Test
    void aPinOfTheWrongFormIsRefusedWhenGiven() {
        assertThatThrownBy(() -> ChaparClient.builder(URI.create("wss://x/ws")).pin("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256/ and the base64 of 32 bytes");
    }

    @Test
    void theSelfSignedCertificateIsKeptAcrossRestartsAndServesItsPin() {
        Path data = dir.resolve("data");
        String pin;
        try (ChaparServer server =
                ChaparServer.start(
                        TestConfigs.forTests(data).withTls(new TlsSource.SelfSigned()))) {
            pin = server.pin().orElseThrow();
            try (ChaparClient c = ChaparClient.builder(wss("127.0.0.1", server)).pin(pin).build()) {
                c.connect().join();
            }
        }
        try (ChaparServer again =
                ChaparServer.start(
                        TestConfigs.forTests(data).withTls(new TlsSource.SelfSigned()))) {
            assertThat(again.pin()).contains(pin);
        }
        assertThat(data.resolve("tls/self-signed.key")).exists();
    }

    @Test
    void plainHttpOffLoopbackNeedsTheExplicitFlag() {
        assertThatThrownBy(
                        () ->
                                ChaparServer.start(
                                        TestConfigs.forTests(dir.resolve("data"))
                                                .withHost("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to serve plain HTTP on 0.0.0.0")
                .hasMessageContaining("--insecure-http");
        try (ChaparServer server =
                ChaparServer.start(
                        TestConfigs.forTests(dir.resolve("data"))
                                .withHost("0.0.0.0")
                                .withInsecureHttp(true))) {
            assertThat(server.scheme()).isEqualTo("http");
        }
        try (ChaparServer loopback =
                ChaparServer.start(TestConfigs.forTests(dir.resolve("data2")))) {
            assertThat(loopback.scheme()).isEqualTo("http");
        }
    }
}
