package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.ChaparClient;
import org.chapar.client.ConnectionState;
import org.chapar.server.ChaparServer;
import org.chapar.server.tls.PemCredentials;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestCertificates;
import org.chapar.testkit.TestCertificates.KeyForm;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

/**
 * The server's certificate from PEM files: HTTPS and WSS on the one port, HSTS, TLS 1.2/1.3 with
 * ALPN http/1.1, and a new pair of files taking over for new handshakes while connected clients
 * stay connected.
 */
class CertificateFilesIT {
    @TempDir Path dir;

    private ChaparServer start(Path cert, Path key) {
        return ChaparServer.start(
                TestConfigs.forTests(dir.resolve("data"))
                        .withTls(new TlsSource.Files(cert, key, Duration.ofMillis(50))));
    }

    @ParameterizedTest
    @CsvSource({"EC,PKCS8", "EC,TRADITIONAL", "RSA,PKCS8", "RSA,TRADITIONAL"})
    void keysAreReadInEveryCommonPemForm(String algorithm, KeyForm form) throws Exception {
        TestCertificates ca = TestCertificates.authority("Test CA");
        TestCertificates.Issued leaf = ca.issue(algorithm, "localhost", "127.0.0.1");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        leaf.write(cert, key, form);

        PemCredentials read = PemCredentials.read(cert, key);
        assertThat(read.chain()).hasSize(2); // the chain, leaf first
        assertThat(read.leaf()).isEqualTo(leaf.leaf());
        try (ChaparServer server = start(cert, key);
                SSLSocket s =
                        TlsClients.handshake(
                                TlsClients.trusting(ca.certificate()), server.port())) {
            assertThat(TlsClients.leafOf(s)).isEqualTo(leaf.leaf());
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStartWithAClearMessage() {
        TestCertificates ca = TestCertificates.authority("Test CA");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path otherKey = dir.resolve("other.pem");
        ca.issue("EC", "localhost").write(cert, key, KeyForm.PKCS8);
        ca.issue("EC", "localhost").write(dir.resolve("other-cert.pem"), otherKey, KeyForm.PKCS8);

        assertThatThrownBy(() -> PemCredentials.read(cert, otherKey))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not belong to the first certificate");
        assertThatThrownBy(() -> PemCredentials.read(key, key))
                .hasMessageContaining("no PEM certificate");
    }

    @Test
    void httpsAnswersCarryHstsAndTheHandshakeIsModern() throws Exception {
        TestCertificates ca = TestCertificates.authority("Test CA");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ca.issue("EC", "localhost", "127.0.0.1").write(cert, key, KeyForm.PKCS8);
        try (ChaparServer server = start(cert, key)) {
            assertThat(server.scheme()).isEqualTo("https");
            HttpClient http =
                    HttpClient.newBuilder()
                            .sslContext(TlsClients.trusting(ca.certificate()))
                            .build();
            HttpResponse<String> health =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "https://127.0.0.1:"
                                                            + server.port()
                                                            + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("strict-transport-security"))
                    .contains("max-age=31536000");

            try (SSLSocket s13 =
                    TlsClients.handshake(TlsClients.trusting(ca.certificate()), server.port())) {
                assertThat(s13.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(s13.getApplicationProtocol()).isEqualTo("http/1.1");
            }
            try (SSLSocket s12 =
                    TlsClients.handshake(
                            TlsClients.trusting(ca.certificate()), server.port(), "TLSv1.2")) {
                assertThat(s12.getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(s12.getSession().getCipherSuite())
                        .startsWith("TLS_ECDHE_")
                        .containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
            }
        }
    }

    @Test
    void changedFilesServeNewHandshakesWhileAConnectedClientStaysConnected() throws Exception {
        TestCertificates ca = TestCertificates.authority("Test CA");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestCertificates.Issued first = ca.issue("EC", "localhost", "127.0.0.1");
        first.write(cert, key, KeyForm.PKCS8);
        try (ChaparServer server = start(cert, key);
                ChaparClient client =
                        ChaparClient.builder(URI.create("wss://localhost:" + server.port() + "/ws"))
                                .trustedRoots(List.of(ca.certificate()))
                                .build()) {
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            client.addConnectionListener(states::add);
            client.connect().join();
            client.register("reload_1", "correct horse battery", "reload", "test").join();

            TestCertificates.Issued second = ca.issue("RSA", "localhost", "127.0.0.1");
            second.write(cert, key, KeyForm.TRADITIONAL);
            X509Certificate seen = first.leaf();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!seen.equals(second.leaf()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                try (SSLSocket s =
                        TlsClients.handshake(
                                TlsClients.trusting(ca.certificate()), server.port())) {
                    seen = TlsClients.leafOf(s);
                }
            }
            assertThat(seen).isEqualTo(second.leaf());

            // the connection made before the change still answers, and never went down
            assertThat(client.getMe().join().getUsername()).isEqualTo("reload_1");
            assertThat(states).doesNotContain(ConnectionState.OFFLINE);
        }
    }

    @Test
    void filesThatStopLoadingKeepTheOldCertificateAndSaySoInHealth() throws Exception {
        TestCertificates ca = TestCertificates.authority("Test CA");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestCertificates.Issued first = ca.issue("EC", "localhost", "127.0.0.1");
        first.write(cert, key, KeyForm.PKCS8);
        try (ChaparServer server = start(cert, key)) {
            // a key written before its certificate: the pair does not match for a while
            ca.issue("EC", "localhost").write(dir.resolve("c2.pem"), key, KeyForm.PKCS8);
            HttpClient http =
                    HttpClient.newBuilder()
                            .sslContext(TlsClients.trusting(ca.certificate()))
                            .build();
            HttpRequest health =
                    HttpRequest.newBuilder(
                                    URI.create("https://127.0.0.1:" + server.port() + "/health"))
                            .build();
            HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!r.body().contains("degraded") && System.nanoTime() < deadline) {
                Thread.sleep(20);
                r = http.send(health, HttpResponse.BodyHandlers.ofString());
            }
            assertThat(r.statusCode()).isEqualTo(200); // it still serves
            assertThat(r.body()).contains("\"status\":\"degraded\"", "the old certificate stays");
            try (SSLSocket s =
                    TlsClients.handshake(TlsClients.trusting(ca.certificate()), server.port())) {
                assertThat(TlsClients.leafOf(s)).isEqualTo(first.leaf());
            }
        }
    }

    @Test
    void thePlainPortRedirectsEveryRequestToHttps() throws Exception {
        try (ChaparServer server =
                ChaparServer.start(
                        TestConfigs.forTests(dir.resolve("data"))
                                .withTls(new TlsSource.SelfSigned())
                                .withRedirectPort(0))) {
            int plain = server.redirectPort().orElseThrow();
            HttpClient http =
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + plain + "/health?x=1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(301);
            assertThat(r.headers().firstValue("location"))
                    .contains("https://localhost:" + server.port() + "/health?x=1");
        }
        assertThatThrownBy(
                        () ->
                                ChaparServer.start(
                                        TestConfigs.forTests(dir.resolve("data2"))
                                                .withRedirectPort(0)))
                .hasMessageContaining("needs TLS");
    }
}
