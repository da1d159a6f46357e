package org.chapar.server.tls;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * OCSP for one certificate (RFC 6960, in RFC 5019's lightweight profile): where its responder is,
 * the request for it (a SHA-1 certificate ID and no nonce, by GET, so that a CA may answer from a
 * cache), and the checks an answer passes before it is stapled: signed by the issuer or by a
 * responder the issuer delegated to (id-kp-OCSPSigning), about this certificate, and current.
 */
final class OcspResponses {
    /** Far above a real answer (under 2 KiB with a delegated responder's certificate). */
    private static final int MAX_BYTES = 64 * 1024;

    /** Clocks differ: an answer dated up to this far ahead is still taken. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private OcspResponses() {}

    /** What a responder said about the certificate, checked. */
    record Answer(byte[] der, Status status, Instant thisUpdate, Optional<Instant> nextUpdate) {}

    enum Status {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    /** The http(s) OCSP responder named by the certificate's Authority Information Access. */
    static Optional<URI> responderOf(X509Certificate leaf) {
        byte[] value = leaf.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            ASN1Primitive parsed = JcaX509ExtensionUtils.parseExtensionValue(value);
            for (AccessDescription d :
                    AuthorityInformationAccess.getInstance(parsed).getAccessDescriptions()) {
                GeneralName where = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(where.getName().toString());
                    if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null) {
                        return Optional.of(uri);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a malformed extension names no responder we could ask
        }
        return Optional.empty();
    }

    /** The ID the request names and the answer must echo. */
    static CertificateID idOf(X509Certificate leaf, X509Certificate issuer) {
        try {
            return new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    leaf.getSerialNumber());
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot make an OCSP certificate ID", e); // no SHA-1
        }
    }

    /** Asks {@code responder} about {@code id} and checks what comes back. */
    static Answer fetch(
            HttpClient http,
            URI responder,
            CertificateID id,
            X509Certificate issuer,
            Duration timeout,
            Instant now)
            throws IOException, InterruptedException {
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot make the OCSP request: " + e.getMessage(), e);
        }
        HttpResponse<InputStream> r =
                http.send(
                        requestTo(responder, request).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (r.statusCode() != 200) {
            throw new IOException("the responder answered HTTP " + r.statusCode());
        }
        if (body.length > MAX_BYTES) {
            throw new IOException("the responder's answer is over " + MAX_BYTES + " bytes");
        }
        return check(body, id, issuer, now);
    }

    /**
     * A GET of the base64 request under the responder's URL when that fits in 255 bytes, which RFC
     * 5019 5 requires so that CAs and their CDNs can answer from a cache; a POST otherwise.
     */
    private static HttpRequest.Builder requestTo(URI responder, byte[] request) {
        String base = responder.toString();
        String get =
                base
                        + (base.endsWith("/") ? "" : "/")
                        + URLEncoder.encode(
                                Base64.getEncoder().encodeToString(request),
                                StandardCharsets.US_ASCII);
        if (get.length() <= 255) {
            return HttpRequest.newBuilder(URI.create(get)).GET();
        }
        return HttpRequest.newBuilder(responder)
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    }

    /** The answer in {@code der} about {@code id}, if it is signed as RFC 6960 4.2.2.2 says. */
    static Answer check(byte[] der, CertificateID id, X509Certificate issuer, Instant now)
            throws IOException {
        OCSPResp resp = new OCSPResp(der);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException(
                    "the responder refused the request (OCSP status " + resp.getStatus() + ")");
        }
        BasicOCSPResp basic;
        try {
            if (!(resp.getResponseObject() instanceof BasicOCSPResp b)) {
                throw new IOException("the answer is not a basic OCSP response");
            }
            basic = b;
            if (!signedByIssuerOrDelegate(basic, issuer, now)) {
                throw new IOException(
                        "the answer is not signed by the issuer or a responder it delegated to");
            }
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("the answer does not parse: " + e.getMessage(), e);
        }
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Optional<Instant> nextUpdate =
                    Optional.ofNullable(single.getNextUpdate()).map(Date::toInstant);
            if (thisUpdate.isAfter(now.plus(SKEW))) {
                throw new IOException("the answer is dated " + thisUpdate + ", in the future");
            }
            if (nextUpdate.isPresent() && !nextUpdate.get().isAfter(now)) {
                throw new IOException("the answer expired at " + nextUpdate.get());
            }
            CertificateStatus s = single.getCertStatus();
            Status status =
                    s == CertificateStatus.GOOD
                            ? Status.GOOD
                            : s instanceof RevokedStatus ? Status.REVOKED : Status.UNKNOWN;
            return new Answer(resp.getEncoded(), status, thisUpdate, nextUpdate);
        }
        throw new IOException("the answer is not about this certificate");
    }

    private static boolean signedByIssuerOrDelegate(
            BasicOCSPResp basic, X509Certificate issuer, Instant now)
            throws OperatorCreationException, CertificateEncodingException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        ContentVerifierProvider byIssuer = verifiers.build(issuer);
        if (validSignature(basic, byIssuer)) {
            return true;
        }
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder delegate : basic.getCerts()) {
            try {
                if (delegate.isValidOn(Date.from(now))
                        && delegate.getIssuer().equals(issuerHolder.getSubject())
                        && delegate.isSignatureValid(byIssuer)
                        && ocspSigning(delegate)
                        && validSignature(basic, verifiers.build(delegate))) {
                    return true;
                }
            } catch (CertException | CertificateException e) {
                // this one cannot be checked: try the next
            }
        }
        return false;
    }

    /** False also when the key cannot check this kind of signature (an EC key, RSA signed). */
    private static boolean validSignature(BasicOCSPResp basic, ContentVerifierProvider by) {
        try {
            return basic.isSignatureValid(by);
        } catch (OCSPException e) {
            return false;
        }
    }

    private static boolean ocspSigning(X509CertificateHolder c) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(c.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }
}
