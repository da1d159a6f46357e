package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestCertificates;
import org.chapar.testkit.TestCertificates.KeyForm;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * OCSP stapling (ADR 0025): a certificate that names a responder has the responder's answer stapled
 * in TLS 1.3 and 1.2 handshakes, asked for once and not per handshake, and asked for again for a
 * new certificate; a responder that hangs or is down costs handshakes nothing; a certificate
 * without a responder, stapling turned off, and the JDK engine staple nothing and ask nobody.
 */
class OcspStaplingIT {
    static {
        // the JDK's default, said here because the test depends on the client asking for a staple
        System.setProperty("jdk.tls.client.enableStatusRequestExtension", "true");
    }

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir Path dir;

    private final TestCertificates ca = TestCertificates.authority("Test CA");

    private ChaparServer start(ServerConfig config, TestCertificates.Issued issued, String name) {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        issued.write(cert, key, KeyForm.PKCS8);
        return ChaparServer.start(
                config.withTls(new TlsSource.Files(cert, key, Duration.ofMillis(50))));
    }

    private ChaparServer start(TestCertificates.Issued issued) {
        return start(TestConfigs.forTests(dir.resolve("data")), issued, "server");
    }

    /** A finished handshake that asked for a staple; what the server stapled, if anything. */
    private record Seen(BigInteger leafSerial, List<byte[]> staples) {
        boolean stapled() {
            return !staples.isEmpty();
        }
    }

    private Seen handshake(ChaparServer server, String protocol) throws Exception {
        try (SSLSocket s =
                TlsClients.handshake(
                        TlsClients.trusting(ca.certificate()), server.port(), protocol)) {
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            return new Seen(
                    TlsClients.leafOf(s).getSerialNumber(),
                    ((ExtendedSSLSession) s.getSession()).getStatusResponses());
        }
    }

    /** Handshakes until one shows {@code wanted}; fails with the last one seen after a while. */
    private Seen awaitHandshake(ChaparServer server, Predicate<Seen> wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Seen seen = handshake(server, "TLSv1.3");
        while (!wanted.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = handshake(server, "TLSv1.3");
        }
        assertThat(wanted).as("a handshake as awaited; the last seen: %s", seen).accepts(seen);
        return seen;
    }

    /** The serial the one staple says is good, checked against the CA. */
    private BigInteger goodSerial(Seen seen) throws Exception {
        assertThat(seen.staples()).hasSize(1);
        return OcspResponder.goodSerialIn(seen.staples().get(0), ca.certificate());
    }

    private String health(ChaparServer server) throws Exception {
        SSLContext trusting = TlsClients.trusting(ca.certificate());
        HttpClient http = HttpClient.newBuilder().sslContext(trusting).build();
        URI url = URI.create("https://127.0.0.1:" + server.port() + "/health");
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void aGoodAnswerIsStapledOverTls13And12AskedForOnceAndAgainForAReloadedCertificate()
            throws Exception {
        try (OcspResponder responder = OcspResponder.start(ca)) {
            TestCertificates.Issued first =
                    ca.issueWithOcsp("EC", responder.url(), "localhost", "127.0.0.1");
            BigInteger firstSerial = first.leaf().getSerialNumber();
            try (ChaparServer server = start(first)) {
                awaitHandshake(server, Seen::stapled);
                for (int i = 0; i < 5; i++) {
                    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                        Seen seen = handshake(server, protocol);
                        assertThat(seen.leafSerial()).isEqualTo(firstSerial);
                        assertThat(goodSerial(seen)).isEqualTo(firstSerial);
                    }
                }
                assertThat(responder.asked()).containsExactly(firstSerial); // once, for 11

                // a URL too long for a GET (RFC 5019: 255 bytes) is asked by POST
                URI longUrl = URI.create(responder.url() + "/" + "p".repeat(200));
                TestCertificates.Issued second =
                        ca.issueWithOcsp("RSA", longUrl, "localhost", "127.0.0.1");
                BigInteger secondSerial = second.leaf().getSerialNumber();
                second.write(
                        dir.resolve("server-cert.pem"),
                        dir.resolve("server-key.pem"),
                        KeyForm.PKCS8);
                Seen reloaded =
                        awaitHandshake(
                                server, s -> s.leafSerial().equals(secondSerial) && s.stapled());
                assertThat(goodSerial(reloaded)).isEqualTo(secondSerial);
                Seen over12 = handshake(server, "TLSv1.2");
                assertThat(goodSerial(over12)).isEqualTo(secondSerial);
                assertThat(responder.asked()).containsExactly(firstSerial, secondSerial);
                assertThat(responder.methods()).containsExactly("GET", "POST");
                assertThat(health(server)).contains("\"status\":\"ok\"");
            }
        }
    }

    @Test
    void aResponderThatHangsCostsHandshakesNothing() throws Exception {
        try (OcspResponder responder = OcspResponder.start(ca)) {
            responder.hold();
            TestCertificates.Issued issued =
                    ca.issueWithOcsp("EC", responder.url(), "localhost", "127.0.0.1");
            try (ChaparServer server = start(issued)) {
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (responder.asked().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(responder.asked()).containsExactly(issued.leaf().getSerialNumber());
                // the server's request is being held now: handshakes go on without a staple
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    Seen seen = handshake(server, protocol);
                    assertThat(seen.leafSerial()).isEqualTo(issued.leaf().getSerialNumber());
                    assertThat(seen.staples()).isEmpty();
                }
            }
        }
    }

    @Test
    void aResponderThatIsDownCostsHandshakesNothingAndShowsInHealth() throws Exception {
        OcspResponder responder = OcspResponder.start(ca);
        URI down = responder.url();
        responder.close(); // nothing listens there any more
        TestCertificates.Issued issued = ca.issueWithOcsp("EC", down, "localhost", "127.0.0.1");
        try (ChaparServer server = start(issued)) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                Seen seen = handshake(server, protocol);
                assertThat(seen.leafSerial()).isEqualTo(issued.leaf().getSerialNumber());
                assertThat(seen.staples()).isEmpty();
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            String health = health(server);
            while (!health.contains("OCSP") && System.nanoTime() < deadline) {
                Thread.sleep(20);
                health = health(server);
            }
            assertThat(health)
                    .contains("\"status\":\"degraded\"", "OCSP stapling: no answer from " + down)
                    .contains("handshakes go without a staple");
            assertThat(handshake(server, "TLSv1.3").staples()).isEmpty();
        }
    }

    @Test
    void aCertificateWithoutAResponderIsNotStapledAndNobodyIsAsked() throws Exception {
        try (OcspResponder responder = OcspResponder.start(ca)) {
            TestCertificates.Issued plain = ca.issue("EC", "localhost", "127.0.0.1");
            try (ChaparServer server = start(plain)) {
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    Seen seen = handshake(server, protocol);
                    assertThat(seen.leafSerial()).isEqualTo(plain.leaf().getSerialNumber());
                    assertThat(seen.staples()).isEmpty();
                }
                assertThat(health(server)).contains("\"status\":\"ok\"");

                // the sentinel: a certificate that names the responder is asked about at once
                TestCertificates.Issued named =
                        ca.issueWithOcsp("EC", responder.url(), "localhost", "127.0.0.1");
                named.write(
                        dir.resolve("server-cert.pem"),
                        dir.resolve("server-key.pem"),
                        KeyForm.PKCS8);
                BigInteger serial = named.leaf().getSerialNumber();
                awaitHandshake(server, s -> s.leafSerial().equals(serial) && s.stapled());
                assertThat(responder.asked()).containsExactly(serial);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"turned off", "JDK engine"})
    void withStaplingOffOrOnTheJdkEngineNothingIsStapledAndNobodyIsAsked(String way)
            throws Exception {
        String engine = System.getProperty("chapar.tlsEngine");
        try (OcspResponder responder = OcspResponder.start(ca)) {
            TestCertificates.Issued issued =
                    ca.issueWithOcsp("EC", responder.url(), "localhost", "127.0.0.1");
            ServerConfig config = TestConfigs.forTests(dir.resolve("data"));
            if (way.equals("turned off")) {
                config = config.withOcspStapling(false);
            } else {
                System.setProperty("chapar.tlsEngine", "jdk");
            }
            try (ChaparServer server = start(config, issued, "server")) {
                restore(engine);
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    Seen seen = handshake(server, protocol);
                    assertThat(seen.leafSerial()).isEqualTo(issued.leaf().getSerialNumber());
                    assertThat(seen.staples()).isEmpty();
                }
                assertThat(health(server)).contains("\"status\":\"ok\"");

                // the sentinel: a second server, stapling on BoringSSL, started after the first
                TestCertificates.Issued other =
                        ca.issueWithOcsp("EC", responder.url(), "localhost", "127.0.0.1");
                try (ChaparServer stapling =
                        start(TestConfigs.forTests(dir.resolve("data2")), other, "other")) {
                    BigInteger serial = other.leaf().getSerialNumber();
                    awaitHandshake(stapling, Seen::stapled);
                    assertThat(responder.asked()).containsExactly(serial);
                }
            }
        } finally {
            restore(engine);
        }
    }

    private static void restore(String engine) {
        if (engine == null) {
            System.clearProperty("chapar.tlsEngine");
        } else {
            System.setProperty("chapar.tlsEngine", engine);
        }
    }
}
