package org.chapar.server.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Opens the certificate a {@link TlsSource} names, and keeps plain HTTP to where it is safe. */
public final class ServerCertificates {
    private ServerCertificates() {}

    /** How long the server waits for an OCSP responder (off the handshakes' path). */
    private static final Duration OCSP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The certificate to serve, or empty for plain HTTP; {@code ocspStapling}: staple OCSP answers
     * when the certificate names a responder (ADR 0025).
     */
    public static Optional<ServerCertificate> open(
            TlsSource source, Path dataDir, String host, Clock clock, boolean ocspStapling) {
        OcspStapling ocsp = new OcspStapling(ocspStapling, clock, OCSP_TIMEOUT);
        try {
            return switch (source) {
                case TlsSource.Off off -> Optional.empty();
                case TlsSource.Files files -> Optional.of(new CertificateFiles(files, clock, ocsp));
                case TlsSource.SelfSigned s ->
                        Optional.of(SelfSigned.loadOrCreate(dataDir, host, clock));
                case TlsSource.Acme acme ->
                        Optional.of(new AcmeCertificate(acme, dataDir, clock, ocsp));
            };
        } catch (IOException e) {
            ocsp.close();
            throw new UncheckedIOException("TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Plain HTTP only on a loopback address, unless the operator said {@code --insecure-http}: on
     * any other address, passwords and messages would cross the network readable by anyone on the
     * path.
     */
    public static void checkPlainAllowed(String host, TlsSource source, boolean insecureHttp) {
        if (!(source instanceof TlsSource.Off) || insecureHttp || isLoopback(host)) {
            return;
        }
        throw new IllegalArgumentException(
                "refusing to serve plain HTTP on "
                        + host
                        + ", which is not a loopback address: give a certificate (--tls-cert FILE"
                        + " --tls-key FILE, or --tls self-signed), or --insecure-http if a TLS"
                        + " proxy in front of this server terminates TLS");
    }

    /**
     * The plain port ({@code --http-port}; -1 for none) redirects to HTTPS, so it needs TLS; ACME's
     * HTTP-01 is proven on it, so that challenge needs it (TLS-ALPN-01 does not).
     */
    public static void checkPlainPort(TlsSource source, int plainPort) {
        if (plainPort >= 0 && source instanceof TlsSource.Off) {
            throw new IllegalArgumentException(
                    "a port that redirects to HTTPS (--http-port) needs TLS on the main port");
        }
        if (plainPort < 0
                && source instanceof TlsSource.Acme acme
                && acme.challenge() == TlsSource.Challenge.HTTP_01) {
            throw new IllegalArgumentException(
                    "ACME's http-01 challenge is proven on the plain port: give --http-port (80, or"
                            + " a port that port 80 is forwarded to), or --acme-challenge"
                            + " tls-alpn-01 to prove it on the TLS port");
        }
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
