package org.chapar.server.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first, as read from PEM. BouncyCastle's parser
 * takes PKCS#8 and the traditional "RSA PRIVATE KEY" / "EC PRIVATE KEY" forms alike, which the JDK
 * alone does not.
 */
public record PemCredentials(PrivateKey key, List<X509Certificate> chain) {

    public PemCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Reads both files; fails with a message that names the file and what is wrong with it. */
    public static PemCredentials read(Path certificate, Path privateKey) throws IOException {
        return parse(
                Files.readString(certificate, StandardCharsets.US_ASCII),
                certificate.toString(),
                Files.readString(privateKey, StandardCharsets.US_ASCII),
                privateKey.toString());
    }

    static PemCredentials parse(String certPem, String certName, String keyPem, String keyName)
            throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
        try (PEMParser p = new PEMParser(new StringReader(certPem))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(certs.getCertificate(h));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(certName + ": not a valid certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certName + ": no PEM certificate (BEGIN CERTIFICATE) in it");
        }
        PrivateKey key;
        try (PEMParser p = new PEMParser(new StringReader(keyPem))) {
            key = toKey(p.readObject(), keyName);
        }
        if (!belongTogether(key, chain.get(0))) {
            throw new IOException(
                    keyName
                            + ": this private key does not belong to the first certificate of "
                            + certName);
        }
        return new PemCredentials(key, chain);
    }

    private static PrivateKey toKey(Object o, String name) throws IOException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair pair) {
            return keys.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
            return keys.getPrivateKey(info);
        }
        throw new IOException(
                name
                        + ": no unencrypted PEM private key in it (PKCS#8 \"PRIVATE KEY\", \"RSA"
                        + " PRIVATE KEY\" or \"EC PRIVATE KEY\")");
    }

    /** Signs a probe with the key and checks it with the leaf's public key: any algorithm. */
    private static boolean belongTogether(PrivateKey key, X509Certificate leaf) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC", "ECDSA" -> "SHA256withECDSA";
                    case "Ed25519", "EdDSA" -> "Ed25519";
                    default -> null;
                };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "chapar key probe".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(leaf.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
