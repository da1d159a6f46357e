package org.chapar.server.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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

    static TlsSource off() {
        return new Off();
    }
}
