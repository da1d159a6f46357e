package org.chapar.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A certificate's pin: {@code sha256/} and the base64 of the SHA-256 of its public key
 * (SubjectPublicKeyInfo), the form HPKP and curl's --pinnedpubkey use. A pin names the key, so it
 * survives a certificate renewed on the same key.
 */
public final class Pins {
    private Pins() {}

    public static String of(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            return "sha256/"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }
}
