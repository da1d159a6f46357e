package org.chapar.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.chapar.client.ChaparClient;
import org.chapar.client.ConnectionState;
import org.chapar.server.ChaparServer;
import org.chapar.server.tls.TlsSource;
import org.chapar.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Certificates by ACME against a real pebble: its validation authority fetches the HTTP-01 answer
 * from the server's plain port, the certificate it issues serves, is renewed by the server itself
 * when a third of its (24 s) lifetime is left while a connected client stays connected, and is
 * served again from the data directory after a restart, and still when its renewal then fails. A CA
 * that cannot be reached leaves the server up and says why.
 */
class AcmeIT {
    private static final Duration VALIDITY = Duration.ofSeconds(24);

    @TempDir Path dir;

    private static ChaparServer start(Path data, URI directory, Path trust, int httpPort) {
        return ChaparServer.start(
                TestConfigs.forTests(data)
                        .withTls(
                                new TlsSource.Acme(
                                        List.of("localhost"),
                                        directory,
                                        Optional.of("ops@localhost.test"),
                                        Optional.of(trust),
                                        TlsSource.Challenge.HTTP_01))
                        .withRedirectPort(httpPort));
    }

    @Test
    void theServerGetsItsCertificateFromPebbleAndRenewsItWhileAClientStaysConnected()
            throws Exception {
        int httpPort = Pebble.freePort();
        Path data = dir.resolve("data");
        try (Pebble pebble = Pebble.start(dir, httpPort, VALIDITY)) {
            SSLContext trustingPebble = TlsClients.trusting(pebble.issuingRoot());
            X509Certificate first;
            X509Certificate renewed;
            try (ChaparServer server = start(data, pebble.directory(), pebble.trust(), httpPort)) {
                first = awaitLeaf(trustingPebble, server.port(), c -> true);
                assertThat(first.getSubjectAlternativeNames()).contains(List.of(2, "localhost"));
                assertThat(health(trustingPebble, server.port())).contains("\"status\":\"ok\"");
                assertThat(plainGet(httpPort, "/.well-known/acme-challenge/not-a-token"))
                        .isEqualTo(404);

                try (ChaparClient client =
                        ChaparClient.builder(URI.create("wss://localhost:" + server.port() + "/ws"))
                                .trustedRoots(List.of(pebble.issuingRoot()))
                                .build()) {
                    List<ConnectionState> states = new CopyOnWriteArrayList<>();
                    client.addConnectionListener(states::add);
                    client.connect().join();
                    client.register("acme_1", "correct horse battery", "acme", "test").join();

                    BigInteger serial = first.getSerialNumber();
                    renewed =
                            awaitLeaf(
                                    trustingPebble,
                                    server.port(),
                                    c -> !c.getSerialNumber().equals(serial));
                    // renewed by itself, and not before two thirds of the first one's lifetime
                    assertThat(renewed.getNotBefore()).isAfterOrEqualTo(first.getNotBefore());
                    assertThat(System.currentTimeMillis())
                            .isGreaterThanOrEqualTo(
                                    first.getNotAfter().getTime()
                                            - VALIDITY.toMillis() / 3
                                            - 1_000);
                    assertThat(renewed.getPublicKey()).isEqualTo(first.getPublicKey());

                    // the connection made before the renewal still answers, and never went down
                    assertThat(client.getMe().join().getUsername()).isEqualTo("acme_1");
                    assertThat(states).doesNotContain(ConnectionState.OFFLINE);
                }
            }
            Path keys = data.resolve("tls").resolve("acme");
            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(keys.resolve("account.key"))))
                    .isEqualTo("rw-------");
            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(keys.resolve("domain.key"))))
                    .isEqualTo("rw-------");
            assertThat(pebble.log())
                    .contains("validity period of " + VALIDITY.toSeconds() + " seconds");

            // a restart serves the kept certificate with no CA to ask; once it is due and the CA
            // cannot be reached, it still serves and /health says why
            URI unreachable = URI.create("https://127.0.0.1:" + Pebble.freePort() + "/dir");
            try (ChaparServer again = start(data, unreachable, pebble.trust(), Pebble.freePort())) {
                assertThat(servedSerial(trustingPebble, again.port()))
                        .isEqualTo(renewed.getSerialNumber());
                assertThat(health(trustingPebble, again.port())).contains("\"status\":\"ok\"");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String health = health(trustingPebble, again.port());
                while (!health.contains("degraded") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    health = health(trustingPebble, again.port());
                }
                assertThat(health)
                        .contains("\"status\":\"degraded\"")
                        .contains("ACME renewal failed, the old certificate stays")
                        .contains("cannot connect to the ACME directory");
                assertThat(servedSerial(trustingPebble, again.port()))
                        .isEqualTo(renewed.getSerialNumber());
            }
        }
    }

    private static BigInteger servedSerial(SSLContext trust, int port) throws Exception {
        try (SSLSocket s = TlsClients.handshake(trust, port)) {
            return TlsClients.leafOf(s).getSerialNumber();
        }
    }

    @Test
    void anUnreachableCaLeavesTheServerUpAndSaysWhyInOneLogLineAndInHealth() throws Exception {
        Logger acmeLog = (Logger) LoggerFactory.getLogger("org.chapar.server.tls.AcmeCertificate");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        acmeLog.addAppender(seen);
        Path trust = dir.resolve("no-ca.pem");
        Files.writeString(trust, "");
        URI unreachable = URI.create("https://127.0.0.1:" + Pebble.freePort() + "/dir");
        try {
            assertThatThrownBy(() -> start(dir.resolve("data"), unreachable, trust, 0))
                    .hasMessageContaining("no PEM certificate");
            try (ChaparServer server =
                    ChaparServer.start(
                            TestConfigs.forTests(dir.resolve("data"))
                                    .withTls(
                                            new TlsSource.Acme(
                                                    List.of("localhost"),
                                                    unreachable,
                                                    Optional.empty(),
                                                    Optional.empty(),
                                                    TlsSource.Challenge.HTTP_01))
                                    .withRedirectPort(0))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (warnings(seen).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<String> warnings = warnings(seen);
                assertThat(warnings).hasSize(1);
                assertThat(warnings.get(0))
                        .contains("cannot get a certificate for [localhost] from " + unreachable)
                        .contains("Network error")
                        .contains("attempt 1, next at");

                // up, on a temporary certificate that no client trusts, and saying why
                assertThatThrownBy(
                                () -> TlsClients.handshake(SSLContext.getDefault(), server.port()))
                        .isInstanceOf(SSLException.class);
                String health = health(TlsClients.trustingAnything(), server.port());
                assertThat(health)
                        .contains("\"status\":\"degraded\"")
                        .contains("no certificate from ACME yet");
            }
        } finally {
            acmeLog.detachAppender(seen);
        }
        assertThatThrownBy(
                        () ->
                                ChaparServer.start(
                                        TestConfigs.forTests(dir.resolve("data2"))
                                                .withTls(
                                                        new TlsSource.Acme(
                                                                List.of("localhost"),
                                                                unreachable,
                                                                Optional.empty(),
                                                                Optional.empty(),
                                                                TlsSource.Challenge.HTTP_01))))
                .hasMessageContaining("give --http-port");
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> seen) {
        return seen.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** The first leaf matching {@code wanted} that a trusting handshake sees, within 45 s. */
    private static X509Certificate awaitLeaf(
            SSLContext trust, int port, Predicate<X509Certificate> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (SSLSocket s = TlsClients.handshake(trust, port)) {
                X509Certificate leaf = TlsClients.leafOf(s);
                if (wanted.test(leaf)) {
                    return leaf;
                }
            } catch (SSLException e) {
                last = e; // the temporary certificate, until the first one is issued
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such certificate served within 45 s", last);
    }

    private static String health(SSLContext trust, int port) throws Exception {
        HttpResponse<String> r =
                HttpClient.newBuilder()
                        .sslContext(trust)
                        .build()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("https://localhost:" + port + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static int plainGet(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
