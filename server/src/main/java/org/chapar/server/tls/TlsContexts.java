package org.chapar.server.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

/**
 * Server TLS contexts as ADR 0018 sets them: TLS 1.2 and 1.3 only, forward-secret AEAD suites, ALPN
 * h2 then http/1.1 (ADR 0031; a client that offers neither, or no ALPN at all, gets HTTP/1.1), on
 * the engine chosen by measurement (BoringSSL through netty-tcnative, the JDK's when the native
 * library cannot load here, or when {@code chapar.tlsEngine=jdk} asks for it).
 */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * TLS 1.2 suites: ECDHE only (forward secrecy), AES-GCM and ChaCha20-Poly1305 only (AEAD). TLS
     * 1.3's own suites are all of that kind and are left to the engine.
     */
    static final List<String> CIPHERS =
            List.of(
                    "TLS_AES_128_GCM_SHA256",
                    "TLS_AES_256_GCM_SHA384",
                    "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {}

    /** The engine new contexts use. */
    public static SslProvider engine() {
        String asked = System.getProperty("chapar.tlsEngine", "openssl").toLowerCase(Locale.ROOT);
        if (asked.equals("jdk")) {
            return SslProvider.JDK;
        }
        if (!asked.equals("openssl")) {
            throw new IllegalArgumentException(
                    "chapar.tlsEngine is " + asked + "; it is openssl or jdk");
        }
        if (OpenSsl.isAvailable()) {
            return SslProvider.OPENSSL;
        }
        log.warn(
                "the BoringSSL TLS engine cannot load here ({}); using the JDK's",
                String.valueOf(OpenSsl.unavailabilityCause()));
        return SslProvider.JDK;
    }

    /** A server context for this key and chain. */
    public static SslContext server(PemCredentials credentials) throws SSLException {
        return server(credentials, OcspStapling.OFF);
    }

    /**
     * A server context for this key and chain, stapling {@code ocsp}'s answers where it applies.
     */
    static SslContext server(PemCredentials credentials, OcspStapling ocsp) throws SSLException {
        SslProvider engine = engine();
        boolean staples = ocsp.applies(credentials, engine);
        return ocsp.serving(build(credentials, engine, staples), credentials, staples);
    }

    private static SslContext build(PemCredentials credentials, SslProvider engine, boolean ocsp)
            throws SSLException {
        return SslContextBuilder.forServer(
                        credentials.key(), credentials.chain().toArray(X509Certificate[]::new))
                .sslProvider(engine)
                .enableOcsp(ocsp)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(
                        new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                ApplicationProtocolNames.HTTP_2,
                                ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /**
     * A client context that trusts {@code trusted} alone and offers {@code protocols} by ALPN (a
     * test's or the bench's own client of a server with a self-signed certificate).
     */
    public static SslContext client(X509Certificate trusted, String... protocols)
            throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(trusted)
                .applicationProtocolConfig(
                        new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                protocols))
                .build();
    }
}
