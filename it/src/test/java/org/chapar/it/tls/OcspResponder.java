package org.chapar.it.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.chapar.testkit.TestCertificates;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A certificate authority's OCSP responder on loopback (RFC 6960 over HTTP POST or GET): every
 * certificate asked about is good for the next hour, signed by the issuing authority itself. It
 * keeps the serial numbers it was asked about, in order; {@link #hold()} makes it take requests and
 * answer none until it is closed, as a responder that hangs does.
 */
final class OcspResponder implements AutoCloseable {
    private final X509Certificate issuer;
    private final PrivateKey key;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<BigInteger> asked = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean holding;

    private OcspResponder(X509Certificate issuer, PrivateKey key, int port) throws IOException {
        this.issuer = issuer;
        this.key = key;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/", this::answer);
        http.setExecutor(threads);
        http.start();
    }

    static OcspResponder start(TestCertificates ca) throws IOException {
        return new OcspResponder(ca.certificate(), ca.privateKey(), 0);
    }

    /**
     * The responder of a CA known by its certificate and key (pebble's intermediate), on {@code
     * port}, which the CA was told before it started.
     */
    static OcspResponder start(X509Certificate issuer, PrivateKey key, int port)
            throws IOException {
        return new OcspResponder(issuer, key, port);
    }

    /** What a CA started before this responder is told to name: the URL of {@link #url()}. */
    static URI urlOn(int port) {
        return URI.create("http://127.0.0.1:" + port + "/ocsp");
    }

    /** What a certificate's Authority Information Access names. */
    URI url() {
        return urlOn(http.getAddress().getPort());
    }

    /** The serial numbers asked about, in the order asked. */
    List<BigInteger> asked() {
        return List.copyOf(asked);
    }

    /** The HTTP methods of the requests, in order. */
    List<String> methods() {
        return List.copyOf(methods);
    }

    /** From now on requests are taken and never answered. */
    void hold() {
        holding = true;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            OCSPReq request = new OCSPReq(requestOf(exchange));
            methods.add(exchange.getRequestMethod());
            Instant now = Instant.now();
            BasicOCSPRespBuilder b =
                    new BasicOCSPRespBuilder(
                            new RespID(new JcaX509CertificateHolder(issuer).getSubject()));
            for (Req r : request.getRequestList()) {
                asked.add(r.getCertID().getSerialNumber());
                b.addResponse(
                        r.getCertID(),
                        CertificateStatus.GOOD,
                        Date.from(now.minus(Duration.ofMinutes(1))),
                        Date.from(now.plus(Duration.ofHours(1))),
                        null);
            }
            if (holding) {
                closed.await();
                return;
            }
            BasicOCSPResp basic =
                    b.build(
                            new JcaContentSignerBuilder(
                                            key.getAlgorithm().equals("RSA")
                                                    ? "SHA256withRSA"
                                                    : "SHA256withECDSA")
                                    .build(key),
                            null,
                            Date.from(now));
            byte[] body =
                    new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException("cannot answer an OCSP request", e);
        }
    }

    /** A POST's body, or a GET's last path segment (RFC 6960 A.1, which the JDK uses). */
    private static byte[] requestOf(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            String path = exchange.getRequestURI().getRawPath();
            String encoded = path.substring(path.lastIndexOf('/') + 1);
            return Base64.getDecoder()
                    .decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
        }
        return exchange.getRequestBody().readAllBytes();
    }

    /**
     * The serial number of the certificate {@code der}, an OCSP response, says is good, checked as
     * a client would: a successful basic response signed by {@code ca}, about a certificate {@code
     * ca} issued, current now.
     */
    static BigInteger goodSerialIn(byte[] der, X509Certificate ca) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new AssertionError("OCSP status " + resp.getStatus());
        }
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca))) {
            throw new AssertionError("not signed by the CA");
        }
        SingleResp[] single = basic.getResponses();
        if (single.length != 1) {
            throw new AssertionError(single.length + " answers in one staple");
        }
        X509CertificateHolder issuer = new JcaX509CertificateHolder(ca);
        if (!single[0]
                .getCertID()
                .matchesIssuer(issuer, new JcaDigestCalculatorProviderBuilder().build())) {
            throw new AssertionError("about a certificate of another issuer");
        }
        if (single[0].getCertStatus() != CertificateStatus.GOOD) {
            throw new AssertionError("status " + single[0].getCertStatus());
        }
        Date now = new Date();
        if (single[0].getThisUpdate().after(now) || !single[0].getNextUpdate().after(now)) {
            throw new AssertionError("not current");
        }
        return single[0].getCertID().getSerialNumber();
    }

    @Override
    public void close() {
        closed.countDown();
        http.stop(0);
        threads.shutdownNow();
    }
}
