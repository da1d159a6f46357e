package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.toolbox.AcmeUtils;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * The certID that names a certificate to the CA, in renewalInfo URLs and in an order's {@code
 * replaces} (RFC 9773 4.1): base64url of the Authority Key Identifier's keyIdentifier, ".",
 * base64url of the serial's DER bytes. acme4j computes it; this pins it to the RFC's own example.
 */
class RenewalInfoIdTest {

    private static X509Certificate withAkiAndSerial(byte[] keyIdentifier, BigInteger serial)
            throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b =
                new JcaX509v3CertificateBuilder(
                        new X500Name("CN=ari.example"),
                        serial,
                        Date.from(now),
                        Date.from(now.plusSeconds(3600)),
                        new X500Name("CN=ari.example"),
                        key.getPublic());
        b.addExtension(
                Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(key.getPrivate())));
    }

    @Test
    void theRfcExampleCertIdIsComputed() throws Exception {
        // RFC 9773 4.1: keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4,
        // serial 0x87654321 (DER 00 87 65 43 21, the high bit set)
        X509Certificate c =
                withAkiAndSerial(
                        HexFormat.of().parseHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"),
                        new BigInteger("87654321", 16));
        assertThat(AcmeUtils.getRenewalUniqueIdentifier(c))
                .isEqualTo("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    }

    @Test
    void aSerialWithoutTheHighBitHasNoLeadingZero() throws Exception {
        X509Certificate c =
                withAkiAndSerial(HexFormat.of().parseHex("0102"), new BigInteger("7f01", 16));
        assertThat(AcmeUtils.getRenewalUniqueIdentifier(c)).isEqualTo("AQI.fwE");
    }
}
