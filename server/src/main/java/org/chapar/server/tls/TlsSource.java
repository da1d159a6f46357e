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
     * trust} a PEM file of roots for a private CA's own HTTPS (pebble, step-ca); {@code challenge}
     * how the domains are proven. ADR 0019 and 0029.
     */
    record Acme(
            List<String> domains,
            URI directory,
            Optional<String> email,
            Optional<Path> trust,
            Challenge challenge)
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
            Objects.requireNonNull(challenge);
        }
    }

    /** How an ACME CA is shown that the server holds its domains. */
    enum Challenge {
        /**
         * RFC 8555 8.3: a token answered on the plain port (80), so it needs {@code --http-port}.
         */
        HTTP_01("http-01"),
        /**
         * RFC 8737: a certificate answered on the TLS port itself for the ALPN {@code acme-tls/1}.
         */
        TLS_ALPN_01("tls-alpn-01");

        private final String wireName;

        Challenge(String wireName) {
            this.wireName = wireName;
        }

        /** The name ACME (and the {@code --acme-challenge} option) gives it. */
        public String wireName() {
            return wireName;
        }

        /** The challenge named {@code name} as ACME spells it. */
        public static Challenge named(String name) {
            for (Challenge c : values()) {
                if (c.wireName.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(
                    "the ACME challenge is http-01 or tls-alpn-01 (got " + name + ")");
        }
    }

    static TlsSource off() {
        return new Off();
    }
}
