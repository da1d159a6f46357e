package org.chapar.server.tls;

import io.netty.handler.ssl.SslContext;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The challenges of the orders in flight: HTTP-01 tokens with the key authorization each is
 * answered with, and TLS-ALPN-01 certificates by the domain they prove. Each is here only while its
 * challenge is being validated, so the plain port answers nothing else under
 * /.well-known/acme-challenge/, and an {@code acme-tls/1} offer for any other name gets the normal
 * certificate.
 */
final class AcmeChallenges {
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, SslContext> alpn = new ConcurrentHashMap<>();

    void open(String token, String keyAuthorization) {
        tokens.put(token, keyAuthorization);
    }

    void close(String token) {
        tokens.remove(token);
    }

    Optional<String> answer(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    void openTlsAlpn(String domain, SslContext challengeContext) {
        alpn.put(domain.toLowerCase(Locale.ROOT), challengeContext);
    }

    void closeTlsAlpn(String domain) {
        alpn.remove(domain.toLowerCase(Locale.ROOT));
    }

    /** Whether any TLS-ALPN-01 challenge is open: only then is a ClientHello looked into. */
    boolean anyTlsAlpn() {
        return !alpn.isEmpty();
    }

    /**
     * The challenge context for a ClientHello that offers {@code acme-tls/1} for a pending name.
     */
    Optional<SslContext> tlsAlpn(ClientHello hello) {
        if (!hello.protocols().contains(TlsAlpnCertificate.PROTOCOL)) {
            return Optional.empty();
        }
        return hello.serverName().map(alpn::get);
    }
}
