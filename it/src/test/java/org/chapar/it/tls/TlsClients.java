package org.chapar.it.tls;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Raw TLS handshakes against a test server, to see what it presents and negotiates. */
final class TlsClients {
    private TlsClients() {}

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
