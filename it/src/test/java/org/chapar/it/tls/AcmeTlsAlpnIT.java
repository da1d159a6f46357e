package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.server.ChaparServer;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.toolbox.JoseUtils;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS-ALPN-01 (RFC 8737) against a real pebble, with no plain port at all: pebble's validation
 * authority connects to the server's TLS port with ALPN acme-tls/1 and SNI localhost and checks the
 * challenge certificate, and the certificate it then issues serves. While the challenge is open the
 * test makes the same connection itself, as a CA does, and checks what only a CA should see; other
 * clients still get the normal certificate. Handed a wrong token, the server presents the wrong key
 * authorization, pebble refuses it, and /health says so.
 */
class AcmeTlsAlpnIT {
    private static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";

    @TempDir Path dir;

    /** What one handshake showed: the ALPN protocol chosen and the leaf presented. */
    record Seen(String protocol, X509Certificate leaf) {
        Optional<String> acmeDigest() {
            byte[] ext = leaf.getExtensionValue(ACME_IDENTIFIER);
            if (ext == null) {
                return Optional.empty();
            }
            // the extnValue OCTET STRING, wrapping Authorization ::= OCTET STRING (SIZE (32))
            assertThat(HexFormat.of().formatHex(ext, 0, 4)).isEqualTo("04220420");
            return Optional.of(HexFormat.of().formatHex(ext, 4, ext.length));
        }

        boolean critical() {
            return leaf.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER);
        }
    }

    static Seen connect(int port, String serverName, String... protocols) throws Exception {
        SSLContext anything = TlsClients.trustingAnything();
        try (SSLSocket s = (SSLSocket) anything.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(serverName)));
            p.setApplicationProtocols(protocols);
            s.setSSLParameters(p);
            s.startHandshake();
            return new Seen(
                    s.getApplicationProtocol(),
                    (X509Certificate) s.getSession().getPeerCertificates()[0]);
        }
    }

    private static ChaparServer start(Path data, int port, URI directory, Path trust) {
        return ChaparServer.start(
                TestConfigs.forTests(data)
                        .withPort(port)
                        .withTls(
                                new TlsSource.Acme(
                                        List.of("localhost"),
                                        directory,
                                        Optional.empty(),
                                        Optional.of(trust),
                                        TlsSource.Challenge.TLS_ALPN_01)));
    }

    /** SHA-256 of token "." base64url(JWK thumbprint of the account key): RFC 8555 8.1. */
    private static String expectedDigest(String token, Path data) throws Exception {
        Path accountKey = data.resolve("tls").resolve("acme").resolve("account.key");
        PublicKey key =
                KeyPairUtils.readKeyPair(new StringReader(Files.readString(accountKey)))
                        .getPublic();
        String keyAuthorization =
                token
                        + "."
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(JoseUtils.thumbprint(key));
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes()));
    }

    @Test
    void pebbleValidatesOnTheTlsPortAndOnlyAnAcmeTls1OfferForThePendingNameSeesTheChallenge()
            throws Exception {
        int port = Pebble.freePort();
        Path data = dir.resolve("data");
        try (Pebble pebble = Pebble.start(dir, Pebble.freePort(), port, Duration.ofHours(1));
                AcmeFront front =
                        AcmeFront.of(
                                pebble,
                                new AcmeFront.Answer(
                                        Instant.now().plus(Duration.ofDays(1)),
                                        Instant.now().plus(Duration.ofDays(2)),
                                        Optional.empty()))) {
            Map<String, Object> seen = new ConcurrentHashMap<>();
            front.onTrigger(
                    path -> {
                        try {
                            seen.put("ca", connect(port, "localhost", "acme-tls/1"));
                            seen.put("browser", connect(port, "localhost", "h2", "http/1.1"));
                            seen.put("other", connect(port, "other.test", "acme-tls/1"));
                        } catch (Exception e) {
                            seen.put("error", e);
                        }
                    });
            try (ChaparServer server = start(data, port, front.directory(), pebble.trust())) {
                SSLContext trustingPebble = TlsClients.trusting(pebble.issuingRoot());
                X509Certificate issued = awaitIssued(trustingPebble, port);
                assertThat(issued.getSubjectAlternativeNames()).contains(List.of(2, "localhost"));
                assertThat(seen).doesNotContainKey("error");

                Seen ca = (Seen) seen.get("ca");
                assertThat(ca.protocol()).isEqualTo("acme-tls/1");
                assertThat(ca.leaf().getSubjectAlternativeNames())
                        .containsExactly(List.of(2, "localhost"));
                assertThat(ca.critical()).isTrue();
                assertThat(ca.acmeDigest())
                        .contains(expectedDigest(front.token("tls-alpn-01"), data));

                // while the challenge was open, nobody else was shown its certificate
                Seen browser = (Seen) seen.get("browser");
                assertThat(browser.protocol())
                        .isEqualTo("h2"); // ADR 0031: h2 for those who offer it
                assertThat(browser.acmeDigest()).isEmpty();
                Seen other = (Seen) seen.get("other");
                assertThat(other.protocol()).isNotEqualTo("acme-tls/1");
                assertThat(other.acmeDigest()).isEmpty();

                // and once it is closed, not even a CA-like offer is
                Seen after = connect(port, "localhost", "acme-tls/1");
                assertThat(after.protocol()).isNotEqualTo("acme-tls/1");
                assertThat(after.leaf().getSerialNumber()).isEqualTo(issued.getSerialNumber());
                assertThat(health(port)).contains("\"status\":\"ok\"");
            }
        }
    }

    @Test
    void aWrongKeyAuthorizationIsRefusedByPebbleAndHealthSaysSo() throws Exception {
        int port = Pebble.freePort();
        Path data = dir.resolve("data");
        try (Pebble pebble = Pebble.start(dir, Pebble.freePort(), port, Duration.ofHours(1));
                AcmeFront front =
                        AcmeFront.of(
                                pebble,
                                new AcmeFront.Answer(
                                        Instant.now().plus(Duration.ofDays(1)),
                                        Instant.now().plus(Duration.ofDays(2)),
                                        Optional.empty()))) {
            front.handOutWrongTokens();
            Map<String, Seen> seen = new ConcurrentHashMap<>();
            front.onTrigger(
                    path -> {
                        try {
                            seen.put("ca", connect(port, "localhost", "acme-tls/1"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            try (ChaparServer server = start(data, port, front.directory(), pebble.trust())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
                String health = health(port);
                while (!health.contains("could not validate") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    health = health(port);
                }
                assertThat(health)
                        .contains("\"status\":\"degraded\"")
                        .contains("no certificate from ACME yet")
                        .contains("could not validate localhost over tls-alpn-01");
                // what the server presented was for the token it was given, not pebble's
                String pebbleToken = front.token("tls-alpn-01");
                String given = new StringBuilder(pebbleToken).reverse().toString();
                assertThat(seen.get("ca").acmeDigest())
                        .contains(expectedDigest(given, data))
                        .isNotEqualTo(Optional.of(expectedDigest(pebbleToken, data)));
                // no certificate from pebble serves
                SSLContext trustingPebble = TlsClients.trusting(pebble.issuingRoot());
                assertThatThrownBy(() -> TlsClients.handshake(trustingPebble, port).close())
                        .isInstanceOf(SSLException.class);
            }
        }
    }

    private static X509Certificate awaitIssued(SSLContext trust, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (SSLSocket s = TlsClients.handshake(trust, port)) {
                return TlsClients.leafOf(s);
            } catch (SSLException e) {
                last = e; // the temporary certificate, until the first one is issued
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no certificate from pebble within 45 s", last);
    }

    static String health(int port) throws Exception {
        HttpResponse<String> r =
                HttpClient.newBuilder()
                        .sslContext(TlsClients.trustingAnything())
                        .build()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("https://localhost:" + port + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
