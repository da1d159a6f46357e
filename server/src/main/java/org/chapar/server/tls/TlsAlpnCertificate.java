package org.chapar.server.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The self-signed certificate of a TLS-ALPN-01 challenge (RFC 8737 3): the one domain as its only
 * subjectAltName, and the critical id-pe-acmeIdentifier extension holding, as a DER OCTET STRING,
 * the SHA-256 of the key authorization. Made with BouncyCastle on a fresh EC P-256 key, as {@link
 * SelfSigned} is (acme4j's own maker signs with RSA only). Its context selects only {@code
 * acme-tls/1}, so no application data is ever served under it.
 */
final class TlsAlpnCertificate {
    static final String PROTOCOL = "acme-tls/1";
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private TlsAlpnCertificate() {}

    /** The certificate proving {@code domain} for this key authorization, signed by {@code key}. */
    static X509Certificate create(KeyPair key, String domain, String keyAuthorization, Instant now)
            throws IOException {
        try {
            X500Name subject = new X500Name("CN=" + domain.replace(",", ""));
            var builder =
                    new JcaX509v3CertificateBuilder(
                                    subject,
                                    new BigInteger(127, new SecureRandom()),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(now.plus(Duration.ofDays(7))),
                                    subject,
                                    key.getPublic())
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(new GeneralName(GeneralName.dNSName, domain)))
                            .addExtension(
                                    new ASN1ObjectIdentifier(ACME_IDENTIFIER_OID),
                                    true,
                                    new DEROctetString(sha256(keyAuthorization)));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .build(key.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the tls-alpn-01 certificate: " + e.getMessage(), e);
        }
    }

    /** A server context that presents the challenge certificate and speaks only acme-tls/1. */
    static SslContext context(String domain, String keyAuthorization, Instant now)
            throws IOException {
        KeyPair key;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            key = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an EC key: " + e.getMessage(), e);
        }
        X509Certificate certificate = create(key, domain, keyAuthorization, now);
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
