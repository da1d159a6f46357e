package org.chapar.testkit;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Certificates made in the test that needs them (no private key is ever committed): a test
 * certificate authority, leaves it signs for given names and validity, self-signed leaves, and PEM
 * files in the key forms servers meet (PKCS#8, traditional RSA/EC).
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair key;
    private final X509Certificate certificate;

    private TestCertificates(KeyPair key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** How a private key is written. */
    public enum KeyForm {
        /** BEGIN PRIVATE KEY */
        PKCS8,
        /** BEGIN RSA PRIVATE KEY / BEGIN EC PRIVATE KEY */
        TRADITIONAL
    }

    /** A key and its chain, leaf first. */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** Writes the chain and the key as PEM, each file replaced in one step. */
        public void write(Path certFile, Path keyFile, KeyForm form) {
            try {
                StringWriter certs = new StringWriter();
                try (JcaPEMWriter w = new JcaPEMWriter(certs)) {
                    for (X509Certificate c : chain) {
                        w.writeObject(c);
                    }
                }
                StringWriter k = new StringWriter();
                try (JcaPEMWriter w = new JcaPEMWriter(k)) {
                    if (form == KeyForm.PKCS8) {
                        w.writeObject(new JcaPKCS8Generator(key, null));
                    } else if (key.getAlgorithm().equals("EC")) {
                        w.writeObject(sec1(key));
                    } else {
                        w.writeObject(key);
                    }
                }
                replace(certFile, certs.toString());
                replace(keyFile, k.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * "EC PRIVATE KEY" with its curve inside, as OpenSSL writes it (BouncyCastle's writer leaves
     * the curve out for a JDK key).
     */
    private static PemObject sec1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey withCurve =
                new ECPrivateKey(
                        256,
                        inner.getKey(),
                        inner.getPublicKey(),
                        info.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    /** A new certificate authority (EC P-256), valid from an hour ago for a year. */
    public static TestCertificates authority(String name) {
        KeyPair k = keyPair("EC");
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        try {
            var b =
                    new JcaX509v3CertificateBuilder(
                                    subject,
                                    serial(),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(now.plus(Duration.ofDays(365))),
                                    subject,
                                    k.getPublic())
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(k, sign(b, k.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The authority's private key, for what it signs besides certificates (OCSP answers). */
    public PrivateKey privateKey() {
        return key.getPrivate();
    }

    /** A leaf this authority signs, valid from an hour ago for a day. */
    public Issued issue(String algorithm, String... names) {
        Instant now = Instant.now();
        return issue(
                algorithm, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), names);
    }

    /** A leaf this authority signs with the given validity. */
    public Issued issue(String algorithm, Instant notBefore, Instant notAfter, String... names) {
        return issue(algorithm, notBefore, notAfter, Optional.empty(), names);
    }

    /**
     * A leaf this authority signs, valid from an hour ago for a day, that names {@code responder}
     * as its OCSP responder (Authority Information Access), as a public CA's leaves do.
     */
    public Issued issueWithOcsp(String algorithm, URI responder, String... names) {
        Instant now = Instant.now();
        return issue(
                algorithm,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)),
                Optional.of(responder),
                names);
    }

    private Issued issue(
            String algorithm,
            Instant notBefore,
            Instant notAfter,
            Optional<URI> responder,
            String... names) {
        KeyPair leaf = keyPair(algorithm);
        X509Certificate c =
                leafCertificate(
                        leaf, names, notBefore, notAfter, subjectOf(certificate), key, responder);
        return new Issued(leaf.getPrivate(), List.of(c, certificate));
    }

    /** A self-signed leaf (EC) for these names, valid from an hour ago for a day. */
    public static Issued selfSigned(String... names) {
        KeyPair k = keyPair("EC");
        Instant now = Instant.now();
        X509Certificate c =
                leafCertificate(
                        k,
                        names,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(1)),
                        null,
                        k,
                        Optional.empty());
        return new Issued(k.getPrivate(), List.of(c));
    }

    private static X509Certificate leafCertificate(
            KeyPair leaf,
            String[] names,
            Instant notBefore,
            Instant notAfter,
            X500Name issuer,
            KeyPair signer,
            Optional<URI> responder) {
        X500Name subject = new X500Name("CN=" + names[0]);
        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
            boolean address = n.contains(":") || n.matches("[0-9.]+");
            alt.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        try {
            var b =
                    new JcaX509v3CertificateBuilder(
                                    issuer == null ? subject : issuer,
                                    serial(),
                                    Date.from(notBefore),
                                    Date.from(notAfter),
                                    subject,
                                    leaf.getPublic())
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(alt.toArray(GeneralName[]::new)))
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(false));
            if (responder.isPresent()) {
                b.addExtension(
                        Extension.authorityInfoAccess,
                        false,
                        new AuthorityInformationAccess(
                                AccessDescription.id_ad_ocsp,
                                new GeneralName(
                                        GeneralName.uniformResourceIdentifier,
                                        responder.get().toString())));
            }
            return sign(b, signer.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X500Name subjectOf(X509Certificate c) {
        return X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        try {
            String algorithm =
                    signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                g.initialize(2048, RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(96, RANDOM);
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
