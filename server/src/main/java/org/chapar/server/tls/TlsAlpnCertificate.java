package org.chapar.server.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.util.CertificateUtils;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;

/**
 * The self-signed certificate of a TLS-ALPN-01 challenge (RFC 8737 3): the one domain as its only
 * subjectAltName, and the critical id-pe-acmeIdentifier extension holding, as a DER OCTET STRING,
 * the SHA-256 of the key authorization. acme4j makes it with BouncyCastle; its context selects only
 * {@code acme-tls/1}, so no application data is ever served under it.
 */
final class TlsAlpnCertificate {
    static final String PROTOCOL = "acme-tls/1";
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private TlsAlpnCertificate() {}

    /** The certificate proving {@code domain} for this key authorization, on a fresh key. */
    static X509Certificate create(KeyPair key, String domain, String keyAuthorization)
            throws IOException {
        return CertificateUtils.createTlsAlpn01Certificate(
                key, Identifier.dns(domain), sha256(keyAuthorization));
    }

    /** A server context that presents the challenge certificate and speaks only acme-tls/1. */
    static SslContext context(String domain, String keyAuthorization) throws IOException {
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        X509Certificate certificate = create(key, domain, keyAuthorization);
        return SslContextBuilder.forServer(key.getPrivate(), certificate)
                .sslProvider(TlsContexts.engine())
                .protocols(TlsContexts.PROTOCOLS)
                .applicationProtocolConfig(
                        new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                PROTOCOL))
                .build();
    }

    static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
