package org.chapar.it.tls;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Raw TLS handshakes against a test server, to see what it presents and negotiates. */
final class TlsClients {
    private TlsClients() {}

    static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory f =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, f.getTrustManagers(), null);
        return c;
    }

    /** Trusts any certificate under any name: only to read /health from a temporary one. */
    static SSLContext trustingAnything() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(
                null,
                new TrustManager[] {
                    new X509ExtendedTrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String a) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String a) {}

                        @Override
                        public void checkClientTrusted(
                                X509Certificate[] chain, String a, Socket s) {}

                        @Override
                        public void checkServerTrusted(
                                X509Certificate[] chain, String a, Socket s) {}

                        @Override
                        public void checkClientTrusted(
                                X509Certificate[] chain, String a, SSLEngine e) {}

                        @Override
                        public void checkServerTrusted(
                                X509Certificate[] chain, String a, SSLEngine e) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return c;
    }

    /** A finished handshake to 127.0.0.1:port offering these protocols and ALPN http/1.1. */
    static SSLSocket handshake(SSLContext context, int port, String... protocols) throws Exception {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        SSLParameters p = s.getSSLParameters();
        if (protocols.length > 0) {
            p.setProtocols(protocols);
        }
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    static X509Certificate leafOf(SSLSocket s) throws Exception {
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
}
