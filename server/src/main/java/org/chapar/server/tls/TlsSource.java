package org.chapar.server.tls;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where the server's certificate comes from, as the operator chose it. */
public sealed interface TlsSource {

    /** Plain HTTP and WebSocket: only for loopback, or with the operator's explicit consent. */
    record Off() implements TlsSource {}

    /**
     * A PEM certificate chain (leaf first) and its private key (PKCS#8 or the traditional RSA/EC
     * forms), read again when either file changes; {@code pollInterval} is how often they are
     * looked at.
     */
    record Files(Path certificate, Path privateKey, Duration pollInterval) implements TlsSource {
        public Files {
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(privateKey);
            if (pollInterval.toMillis() < 10) {
                throw new IllegalArgumentException("poll interval below 10 ms");
            }
        }

        public Files(Path certificate, Path privateKey) {
            this(certificate, privateKey, Duration.ofSeconds(5));
        }
    }

    /** A self-signed certificate made once and kept under the data directory (tls/). */
    record SelfSigned() implements TlsSource {}

    /**
     * A certificate for {@code domains} from the ACME CA at {@code directory} (RFC 8555), kept and
     * renewed under the data directory (tls/acme/). {@code email} is the account's contact; {@code
     * trust} a PEM file of roots for a private CA's own HTTPS (pebble, step-ca). ADR 0019.
     */
    record Acme(List<String> domains, URI directory, Optional<String> email, Optional<Path> trust)
            implements TlsSource {
        public Acme {
            domains = List.copyOf(domains);
            if (domains.isEmpty()) {
                throw new IllegalArgumentException("ACME needs at least one domain");
            }
            if (!"https".equals(directory.getScheme()) || directory.getHost() == null) {
                throw new IllegalArgumentException(
                        "the ACME directory is an https:// URL (got " + directory + ")");
            }
            Objects.requireNonNull(email);
            Objects.requireNonNull(trust);
        }
    }

    static TlsSource off() {
        return new Off();
    }
}
