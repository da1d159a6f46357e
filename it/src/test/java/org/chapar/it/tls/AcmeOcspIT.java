package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.ChaparServer;
import org.chapar.server.tls.PemCredentials;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * OCSP stapling of certificates by ACME (ADR 0025): pebble names a responder in what it issues, the
 * responder signs as pebble's intermediate, and the server staples the answer about the certificate
 * it got, then about the one it renewed to, asking about each once.
 */
class AcmeOcspIT {
    static {
        // the JDK's default, said here because the test depends on the client asking for a staple
        System.setProperty("jdk.tls.client.enableStatusRequestExtension", "true");
    }

    /** Renewed a third before the end, as ADR 0019 says when pebble has no renewalInfo. */
    private static final Duration VALIDITY = Duration.ofSeconds(24);

    @TempDir Path dir;

    private record Seen(X509Certificate leaf, List<byte[]> staples) {}

    @Test
    void theCertificateFromAcmeAndItsRenewalAreEachStapledAfterOneQuestion() throws Exception {
        int httpPort = Pebble.freePort();
        int ocspPort = Pebble.freePort();
        try (Pebble pebble =
                Pebble.start(
                        dir,
                        httpPort,
                        Pebble.freePort(),
                        VALIDITY,
                        OcspResponder.urlOn(ocspPort).toString())) {
            PemCredentials ca = pebble.intermediate(dir);
            X509Certificate intermediate = ca.leaf();
            try (OcspResponder responder = OcspResponder.start(intermediate, ca.key(), ocspPort);
                    ChaparServer server = start(pebble, httpPort)) {
                staplesFirstAndRenewed(pebble, server, responder, intermediate);
            }
        }
    }

    private ChaparServer start(Pebble pebble, int httpPort) {
        return ChaparServer.start(
                TestConfigs.forTests(dir.resolve("data"))
                        .withTls(
                                new TlsSource.Acme(
                                        List.of("localhost"),
                                        pebble.directory(),
                                        Optional.empty(),
                                        Optional.of(pebble.trust()),
                                        TlsSource.Challenge.HTTP_01))
                        .withRedirectPort(httpPort));
    }

    private static void staplesFirstAndRenewed(
            Pebble pebble,
            ChaparServer server,
            OcspResponder responder,
            X509Certificate intermediate)
            throws Exception {
        SSLContext trusting = TlsClients.trusting(pebble.issuingRoot());

        Seen first = await(trusting, server, s -> !s.staples().isEmpty());
        BigInteger firstSerial = first.leaf().getSerialNumber();
        assertThat(first.leaf().getIssuerX500Principal())
                .isEqualTo(intermediate.getSubjectX500Principal());
        assertThat(OcspResponder.goodSerialIn(first.staples().get(0), intermediate))
                .isEqualTo(firstSerial);
        Seen over12 = handshake(trusting, server, "TLSv1.2");
        assertThat(OcspResponder.goodSerialIn(over12.staples().get(0), intermediate))
                .isEqualTo(firstSerial);

        Seen renewed =
                await(
                        trusting,
                        server,
                        s ->
                                !s.leaf().getSerialNumber().equals(firstSerial)
                                        && !s.staples().isEmpty());
        BigInteger renewedSerial = renewed.leaf().getSerialNumber();
        assertThat(OcspResponder.goodSerialIn(renewed.staples().get(0), intermediate))
                .isEqualTo(renewedSerial);
        // once each (the temporary self-signed certificate of the first start names none)
        assertThat(responder.asked())
                .startsWith(firstSerial, renewedSerial)
                .doesNotHaveDuplicates();
    }

    private static Seen handshake(SSLContext trusting, ChaparServer server, String protocol)
            throws Exception {
        try (SSLSocket s = TlsClients.handshake(trusting, server.port(), protocol)) {
            return new Seen(
                    TlsClients.leafOf(s),
                    ((ExtendedSSLSession) s.getSession()).getStatusResponses());
        }
    }

    /** Handshakes (TLS 1.3) until one is as wanted; the temporary certificate is not trusted. */
    private static Seen await(SSLContext trusting, ChaparServer server, Predicate<Seen> wanted)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Seen seen = handshake(trusting, server, "TLSv1.3");
                if (wanted.test(seen)) {
                    return seen;
                }
            } catch (SSLException e) {
                last = e; // still the temporary self-signed certificate
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no handshake as awaited", last);
    }
}
