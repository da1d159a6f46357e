package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** The TLS-ALPN-01 certificate is what RFC 8737 3 says a CA checks. */
class TlsAlpnCertificateTest {
    /** RFC 8555 8.3's example token, and RFC 7638 3.1's example JWK thumbprint. */
    private static final String KEY_AUTHORIZATION =
            "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA"
                    + ".NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    /** SHA-256 of KEY_AUTHORIZATION, by coreutils' sha256sum. */
    private static final String DIGEST =
            "653471d42925d7eb4cd39a39cda8b34d3034c94cb90067ab78c8123560ba2e5f";

    @Test
    void itNamesOnlyTheDomainAndCarriesTheDigestInACriticalAcmeIdentifierExtension()
            throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509Certificate c =
                TlsAlpnCertificate.create(key, "chat.example", KEY_AUTHORIZATION, Instant.now());

        assertThat(c.getSubjectAlternativeNames()).containsExactly(List.of(2, "chat.example"));
        assertThat(c.getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
        // the JDK wraps the extnValue in an OCTET STRING; inside it, Authorization ::= OCTET
        // STRING (SIZE (32)): tag 04, length 32, the digest
        assertThat(HexFormat.of().formatHex(c.getExtensionValue("1.3.6.1.5.5.7.1.31")))
                .isEqualTo("0422" + "0420" + DIGEST);
        c.verify(key.getPublic()); // self-signed, by the key it presents
    }

    @Test
    void theDigestIsOfTheKeyAuthorizationAsUtf8() {
        assertThat(HexFormat.of().formatHex(TlsAlpnCertificate.sha256(KEY_AUTHORIZATION)))
                .isEqualTo(DIGEST);
    }
}
