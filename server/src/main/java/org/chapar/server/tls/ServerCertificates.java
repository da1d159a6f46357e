package org.chapar.server.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Opens the certificate a {@link TlsSource} names, and keeps plain HTTP to where it is safe. */
public final class ServerCertificates {
    private ServerCertificates() {}

    /** The certificate to serve, or empty for plain HTTP. */
    public static Optional<ServerCertificate> open(
            TlsSource source, Path dataDir, String host, Clock clock) {
        try {
            return switch (source) {
                case TlsSource.Off off -> Optional.empty();
                case TlsSource.Files files -> Optional.of(new CertificateFiles(files, clock));
                case TlsSource.SelfSigned s ->
                        Optional.of(SelfSigned.loadOrCreate(dataDir, host, clock));
            };
        } catch (IOException e) {
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
