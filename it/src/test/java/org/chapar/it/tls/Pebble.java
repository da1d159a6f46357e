package org.chapar.it.tls;

import org.chapar.server.tls.PemCredentials;
import org.chapar.testkit.TestCertificates;
import org.chapar.testkit.TestCertificates.KeyForm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Let's Encrypt's test CA, pebble (Debian's /usr/bin/pebble, or {@code CHAPAR_PEBBLE}), on free
 * loopback ports. Debian ships no certificate for pebble's own HTTPS, so one is made here, signed
 * by a test CA whose PEM is {@link #trust()}. Its validation authority fetches HTTP-01 challenges
 * from {@code localhost:httpPort} at once ({@code PEBBLE_VA_NOSLEEP}); nothing is faked valid.
 */
final class Pebble implements AutoCloseable {
    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path trust;
    private final Path log;
    private final TestCertificates listenerCa;

    private Pebble(
            Process process,
            int port,
            int managementPort,
            Path trust,
            Path log,
            TestCertificates listenerCa) {
        this.process = process;
        this.listenerCa = listenerCa;
        this.port = port;
        this.managementPort = managementPort;
        this.trust = trust;
        this.log = log;
    }

    /** A started pebble validating HTTP-01 on {@code httpPort}, issuing for {@code validity}. */
    static Pebble start(Path dir, int httpPort, Duration validity) throws Exception {
        return start(dir, httpPort, freePort(), validity);
    }

    /** The same, validating TLS-ALPN-01 on {@code tlsPort} as well. */
    static Pebble start(Path dir, int httpPort, int tlsPort, Duration validity) throws Exception {
        return start(dir, httpPort, tlsPort, validity, "");
    }

    /**
     * The same, naming {@code ocspResponder} in the Authority Information Access of what it issues
     * ("" for none).
     */
    static Pebble start(
            Path dir, int httpPort, int tlsPort, Duration validity, String ocspResponder)
            throws Exception {
        String binary = System.getenv().getOrDefault("CHAPAR_PEBBLE", "/usr/bin/pebble");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(
                    binary
                            + " is missing: scripts/services.sh installs it (apt-get install pebble)");
        }
        TestCertificates ca = TestCertificates.authority("Pebble listener CA");
        Path cert = dir.resolve("pebble-cert.pem");
        Path key = dir.resolve("pebble-key.pem");
        ca.issue("EC", "localhost", "127.0.0.1").write(cert, key, KeyForm.PKCS8);
        Path trust = dir.resolve("pebble-listener-ca.pem");
        Files.writeString(trust, pem(ca.certificate()), StandardCharsets.US_ASCII);
        int port = freePort();
        int management = freePort();
        Path config = dir.resolve("pebble-config.json");
        Files.writeString(
                config,
                """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "%s",
                  "externalAccountBindingRequired": false,
                  "certificateValidityPeriod": %d
                }}
                """
                        .formatted(
                                port,
                                management,
                                cert,
                                key,
                                httpPort,
                                tlsPort,
                                ocspResponder,
                                validity.toSeconds()));
        Path log = dir.resolve("pebble.log");
        ProcessBuilder pb =
                new ProcessBuilder(binary, "-config", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Pebble pebble = new Pebble(pb.start(), port, management, trust, log, ca);
        try {
            pebble.awaitDirectory();
        } catch (Exception | AssertionError e) {
            pebble.close();
            throw e;
        }
        return pebble;
    }

    URI directory() {
        return URI.create("https://127.0.0.1:" + port + "/dir");
    }

    /** The CA behind {@link #trust()}, to give a front of pebble's a certificate it trusts. */
    TestCertificates listenerCa() {
        return listenerCa;
    }

    int port() {
        return port;
    }

    /** The PEM file of the root that signed pebble's own HTTPS certificate. */
    Path trust() {
        return trust;
    }

    /** The root pebble issues under (made afresh at each start). */
    X509Certificate issuingRoot() throws Exception {
        String pem = get(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The intermediate pebble issues under and its private key, as a CA's OCSP responder holds them
     * (from pebble's management interface; made afresh at each start).
     */
    PemCredentials intermediate(Path dir) throws Exception {
        String base = "https://127.0.0.1:" + managementPort;
        Path cert = dir.resolve("pebble-intermediate.pem");
        Path key = dir.resolve("pebble-intermediate-key.pem");
        Files.writeString(cert, get(URI.create(base + "/intermediates/0")));
        Files.writeString(key, get(URI.create(base + "/intermediate-keys/0")));
        return PemCredentials.read(cert, key);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitDirectory() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                get(directory());
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "pebble did not answer its directory: " + log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private String get(URI uri) throws Exception {
        HttpClient http =
                HttpClient.newBuilder()
                        .sslContext(TlsClients.trusting(TlsClients.read(trust)))
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
