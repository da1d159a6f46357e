package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.chapar.server.ChaparServer;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * ACME Renewal Information (RFC 9773) against pebble behind {@link AcmeFront}, which serves the
 * renewalInfo pebble 2.4 lacks. The certificates live an hour, so the third-of-lifetime rule would
 * renew only after 40 minutes: any renewal seen here is the CA's window at work. Without
 * renewalInfo the old rule still renews ({@code AcmeIT}, against pebble alone).
 */
class AcmeRenewalInfoIT {
    private static final Duration VALIDITY = Duration.ofHours(1);

    @TempDir Path dir;

    private static ChaparServer start(Path data, URI directory, Path trust, int httpPort) {
        return ChaparServer.start(
                TestConfigs.forTests(data)
                        .withTls(
                                new TlsSource.Acme(
                                        List.of("localhost"),
                                        directory,
                                        Optional.empty(),
                                        Optional.of(trust),
                                        TlsSource.Challenge.HTTP_01))
                        .withRedirectPort(httpPort));
    }

    /** base64url(AKI keyIdentifier) "." base64url(serial's DER bytes), computed as a CA would. */
    static String certId(X509Certificate c) throws Exception {
        byte[] aki =
                AuthorityKeyIdentifier.getInstance(
                                JcaX509ExtensionUtils.parseExtensionValue(
                                        c.getExtensionValue("2.5.29.35")))
                        .getKeyIdentifier();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(aki)
                + "."
                + b64.encodeToString(c.getSerialNumber().toByteArray());
    }

    @Test
    void retryAfterIsWaitedOutAndAWindowInThePastRenewsNowReplacingTheOldCertificate()
            throws Exception {
        int httpPort = Pebble.freePort();
        Duration retryAfter = Duration.ofSeconds(3);
        Instant now = Instant.now();
        try (Pebble pebble = Pebble.start(dir, httpPort, VALIDITY);
                AcmeFront front =
                        AcmeFront.of(
                                pebble,
                                new AcmeFront.Answer(
                                        now.plus(Duration.ofDays(20)),
                                        now.plus(Duration.ofDays(21)),
                                        Optional.of(retryAfter)));
                ChaparServer server =
                        start(dir.resolve("data"), front.directory(), pebble.trust(), httpPort)) {
            SSLContext trust = TlsClients.trusting(pebble.issuingRoot());
            X509Certificate first = awaitLeaf(trust, server.port(), null);
            String firstId = certId(first);

            // asked at once after issuance, then again only once each Retry-After has passed
            await(() -> front.renewalInfoRequests().size() >= 3, Duration.ofSeconds(30));
            List<AcmeFront.RenewalInfoRequest> asked = front.renewalInfoRequests();
            for (int i = 0; i < asked.size(); i++) {
                assertThat(asked.get(i).certId()).isEqualTo(firstId);
                if (i > 0) {
                    // Retry-After counts whole seconds from the answer's Date, itself in seconds
                    assertThat(Duration.between(asked.get(i - 1).at(), asked.get(i).at()))
                            .as("gap before request %d", i)
                            .isGreaterThanOrEqualTo(retryAfter.minusSeconds(1));
                }
            }
            assertThat(front.orders()).hasSize(1);
            assertThat(front.orders().get(0)).doesNotContain("replaces");
            assertThat(servedSerial(trust, server.port())).isEqualTo(first.getSerialNumber());

            // the CA moves the window into the past: renewed at the next check, not in 40 min
            Instant moved = Instant.now();
            front.answer(
                    firstId,
                    new AcmeFront.Answer(
                            moved.minus(Duration.ofHours(2)),
                            moved.minus(Duration.ofHours(1)),
                            Optional.of(retryAfter)));
            X509Certificate renewed = awaitLeaf(trust, server.port(), first.getSerialNumber());
            assertThat(Duration.between(moved, Instant.now()))
                    .isLessThan(retryAfter.plus(Duration.ofSeconds(25)));
            assertThat(front.orders()).hasSize(2);
            assertThat(front.orders().get(1))
                    .containsPattern("\"replaces\"\\s*:\\s*\"" + firstId + "\"");

            // and the new certificate's window, still ahead, is asked for in turn: no third order
            String renewedId = certId(renewed);
            await(
                    () ->
                            front.renewalInfoRequests().stream()
                                            .filter(r -> r.certId().equals(renewedId))
                                            .count()
                                    >= 2,
                    Duration.ofSeconds(20));
            assertThat(front.orders()).hasSize(2);
            assertThat(servedSerial(trust, server.port())).isEqualTo(renewed.getSerialNumber());
        }
    }

    @Test
    void aWindowAheadIsRenewedInsideItAndNotBeforeEvenWhenTheCaRefusesTheReplacement()
            throws Exception {
        int httpPort = Pebble.freePort();
        Instant start = Instant.now().plus(Duration.ofSeconds(20));
        Instant end = start.plus(Duration.ofSeconds(6));
        try (Pebble pebble = Pebble.start(dir, httpPort, VALIDITY);
                AcmeFront front =
                        AcmeFront.of(pebble, new AcmeFront.Answer(start, end, Optional.empty()));
                ChaparServer server =
                        start(dir.resolve("data"), front.directory(), pebble.trust(), httpPort)) {
            front.refuseReplaces();
            SSLContext trust = TlsClients.trusting(pebble.issuingRoot());
            X509Certificate first = awaitLeaf(trust, server.port(), null);
            await(() -> !front.renewalInfoRequests().isEmpty(), Duration.ofSeconds(20));
            assertThat(Instant.now()).as("the test's window is still ahead").isBefore(start);

            awaitLeaf(trust, server.port(), first.getSerialNumber());
            Instant renewedAt = Instant.now();
            assertThat(renewedAt).isAfterOrEqualTo(start);
            // the order starts inside the window; issuing takes a few seconds on a loaded machine
            assertThat(renewedAt).isBefore(end.plus(Duration.ofSeconds(20)));
            // the replacement refused as alreadyReplaced, the server orders without it
            assertThat(front.orders()).hasSize(3);
            assertThat(front.orders().get(1)).contains("\"replaces\"");
            assertThat(front.orders().get(2)).doesNotContain("replaces");
            // no Retry-After: the next check is hours away, so one request for the first
            assertThat(
                            front.renewalInfoRequests().stream()
                                    .filter(r -> r.certId().equals(certIdQuietly(first)))
                                    .count())
                    .isEqualTo(1);
        }
    }

    private static String certIdQuietly(X509Certificate c) {
        try {
            return certId(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger servedSerial(SSLContext trust, int port) throws Exception {
        try (SSLSocket s = TlsClients.handshake(trust, port)) {
            return TlsClients.leafOf(s).getSerialNumber();
        }
    }

    /** The first leaf from pebble served whose serial is not {@code old}, within 60 s. */
    private static X509Certificate awaitLeaf(SSLContext trust, int port, BigInteger old)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (SSLSocket s = TlsClients.handshake(trust, port)) {
                X509Certificate leaf = TlsClients.leafOf(s);
                if (!leaf.getSerialNumber().equals(old)) {
                    return leaf;
                }
            } catch (SSLException e) {
                last = e; // the temporary certificate, until the first one is issued
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new certificate served within 60 s", last);
    }

    private static void await(BooleanSupplier condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(50);
        }
    }
}
