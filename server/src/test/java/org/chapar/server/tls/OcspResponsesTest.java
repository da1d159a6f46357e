package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * What an OCSP answer must be to be stapled, each rule both ways, and where a certificate names its
 * responder.
 */
class OcspResponsesTest {
    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    private final KeyPair caKey = ecKey();
    private final X509Certificate ca = certificate("CN=Test CA", caKey, "CN=Test CA", caKey, null);
    private final KeyPair leafKey = ecKey();
    private final X509Certificate leaf =
            certificate("CN=localhost", leafKey, "CN=Test CA", caKey, null);
    private final CertificateID id = OcspResponses.idOf(leaf, ca);

    @Test
    void aGoodAnswerSignedByTheIssuerIsTakenWithItsDates() throws Exception {
        OcspResponses.Answer a = OcspResponses.check(answer(id, null, caKey, null), id, ca, NOW);
        assertThat(a.status()).isEqualTo(OcspResponses.Status.GOOD);
        assertThat(a.thisUpdate()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(a.nextUpdate()).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void anAnswerSignedBySomeoneElseIsRefused() {
        byte[] forged = answer(id, null, ecKey(), null);
        assertThatThrownBy(() -> OcspResponses.check(forged, id, ca, NOW))
                .hasMessageContaining("not signed by the issuer");
    }

    @Test
    void aResponderTheIssuerDelegatedToIsTakenOnlyWithTheOcspSigningPurpose() throws Exception {
        KeyPair delegateKey = ecKey();
        X509Certificate delegate =
                certificate(
                        "CN=Test OCSP",
                        delegateKey,
                        "CN=Test CA",
                        caKey,
                        KeyPurposeId.id_kp_OCSPSigning);
        byte[] byDelegate = answer(id, null, delegateKey, delegate);
        assertThat(OcspResponses.check(byDelegate, id, ca, NOW).status())
                .isEqualTo(OcspResponses.Status.GOOD);

        X509Certificate notForOcsp =
                certificate("CN=Test OCSP", delegateKey, "CN=Test CA", caKey, null);
        byte[] byAnyLeaf = answer(id, null, delegateKey, notForOcsp);
        assertThatThrownBy(() -> OcspResponses.check(byAnyLeaf, id, ca, NOW))
                .hasMessageContaining("not signed by the issuer");
    }

    @Test
    void anAnswerAboutAnotherCertificateIsRefused() throws Exception {
        X509Certificate other = certificate("CN=other", ecKey(), "CN=Test CA", caKey, null);
        byte[] aboutOther = answer(OcspResponses.idOf(other, ca), null, caKey, null);
        assertThatThrownBy(() -> OcspResponses.check(aboutOther, id, ca, NOW))
                .hasMessageContaining("not about this certificate");
    }

    @Test
    void anAnswerIsTakenOnlyBetweenItsDates() throws Exception {
        byte[] a = answer(id, null, caKey, null);
        assertThat(OcspResponses.check(a, id, ca, NOW.plus(Duration.ofMinutes(59))).status())
                .isEqualTo(OcspResponses.Status.GOOD);
        assertThatThrownBy(() -> OcspResponses.check(a, id, ca, NOW.plus(Duration.ofHours(1))))
                .hasMessageContaining("expired");
        // clocks differ: five minutes ahead is still taken, more is not
        assertThat(OcspResponses.check(a, id, ca, NOW.minus(Duration.ofMinutes(6))).status())
                .isEqualTo(OcspResponses.Status.GOOD);
        assertThatThrownBy(() -> OcspResponses.check(a, id, ca, NOW.minus(Duration.ofMinutes(7))))
                .hasMessageContaining("in the future");
    }

    @Test
    void aRevokedCertificateIsSaidSo() throws Exception {
        RevokedStatus revoked = new RevokedStatus(Date.from(NOW), CRLReason.keyCompromise);
        assertThat(OcspResponses.check(answer(id, revoked, caKey, null), id, ca, NOW).status())
                .isEqualTo(OcspResponses.Status.REVOKED);
    }

    @Test
    void aRefusalIsNotAnAnswer() throws Exception {
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        assertThatThrownBy(() -> OcspResponses.check(tryLater, id, ca, NOW))
                .hasMessageContaining("refused the request (OCSP status 3)");
    }

    @Test
    void theResponderIsTheHttpOcspLocationOfAuthorityInformationAccess() {
        URI url = URI.create("http://ocsp.example/");
        assertThat(OcspResponses.responderOf(withAccess(AccessDescription.id_ad_ocsp, url)))
                .contains(url);
        assertThat(OcspResponses.responderOf(leaf)).isEmpty();
        assertThat(
                        OcspResponses.responderOf(
                                withAccess(
                                        AccessDescription.id_ad_caIssuers,
                                        URI.create("http://ca.example/ca.der"))))
                .isEmpty();
        assertThat(
                        OcspResponses.responderOf(
                                withAccess(
                                        AccessDescription.id_ad_ocsp,
                                        URI.create("ldap://ocsp.example/"))))
                .isEmpty();
    }

    private X509Certificate withAccess(ASN1ObjectIdentifier method, URI location) {
        try {
            var b =
                    new JcaX509v3CertificateBuilder(
                                    new X500Name("CN=Test CA"),
                                    BigInteger.valueOf(7),
                                    Date.from(NOW.minus(Duration.ofDays(1))),
                                    Date.from(NOW.plus(Duration.ofDays(1))),
                                    new X500Name("CN=localhost"),
                                    leafKey.getPublic())
                            .addExtension(
                                    Extension.authorityInfoAccess,
                                    false,
                                    new AuthorityInformationAccess(
                                            method,
                                            new GeneralName(
                                                    GeneralName.uniformResourceIdentifier,
                                                    location.toString())));
            return sign(b, caKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A successful answer about {@code about}: null status is good. */
    private static byte[] answer(
            CertificateID about,
            CertificateStatus status,
            KeyPair signer,
            X509Certificate signerCertificate) {
        try {
            BasicOCSPRespBuilder b =
                    new BasicOCSPRespBuilder(new RespID(new X500Name("CN=Test responder")));
            b.addResponse(
                    about,
                    status,
                    Date.from(NOW.minus(Duration.ofMinutes(1))),
                    Date.from(NOW.plus(Duration.ofHours(1))),
                    null);
            X509CertificateHolder[] chain =
                    signerCertificate == null
                            ? null
                            : new X509CertificateHolder[] {
                                new JcaX509CertificateHolder(signerCertificate)
                            };
            var basic =
                    b.build(
                            new JcaContentSignerBuilder("SHA256withECDSA")
                                    .build(signer.getPrivate()),
                            chain,
                            Date.from(NOW));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(
            String subject, KeyPair key, String issuer, KeyPair signer, KeyPurposeId purpose) {
        try {
            var b =
                    new JcaX509v3CertificateBuilder(
                            new X500Name(issuer),
                            new BigInteger(64, new SecureRandom()),
                            Date.from(NOW.minus(Duration.ofDays(1))),
                            Date.from(NOW.plus(Duration.ofDays(30))),
                            new X500Name(subject),
                            key.getPublic());
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            return sign(b, signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(signer.getPrivate())));
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
