package org.chapar.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates a client accepts: a chain to a trusted root (the JDK's, or the roots
 * the application gave) whose names include the host, as browsers do; or, for a self-hosted server,
 * a certificate whose key is pinned ({@code sha256/<base64 of the SHA-256 of its
 * SubjectPublicKeyInfo>}), whatever signed it and whatever its names. An expired certificate is
 * refused either way. Refusals say which of these failed, and give the server's pin.
 */
record TlsTrust(Set<String> pins, List<X509Certificate> roots) {

    static final TlsTrust SYSTEM = new TlsTrust(Set.of(), List.of());

    TlsTrust {
        pins = Set.copyOf(pins);
        roots = List.copyOf(roots);
    }

    /** Checks the form of a pin; fails with what it should look like. */
    static String checkPin(String pin) {
        String body = pin.startsWith("sha256/") ? pin.substring(7) : null;
        try {
            if (body != null && Base64.getDecoder().decode(body).length == 32) {
                return pin;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(
                "a pin is sha256/ and the base64 of 32 bytes (as the server prints it), not "
                        + pin);
    }

    static String pinOf(X509Certificate c) {
        try {
            return "sha256/"
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256")
                                            .digest(c.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    SSLContext sslContext() {
        try {
            TrustManagerFactory f =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (roots.isEmpty()) {
                f.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                for (int i = 0; i < roots.size(); i++) {
                    ks.setCertificateEntry("root-" + i, roots.get(i));
                }
                f.init(ks);
            }
            X509ExtendedTrustManager delegate = null;
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    delegate = x;
                }
            }
            if (delegate == null) {
                throw new IllegalStateException("the JDK has no X509ExtendedTrustManager");
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new Checker(delegate, pins)}, null);
            return c;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The trust decision, with refusals a person can act on. */
    private static final class Checker extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Set<String> pins;

        Checker(X509ExtendedTrustManager delegate, Set<String> pins) {
            this.delegate = delegate;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(
                    chain,
                    authType,
                    engine.getPeerHost(),
                    () -> delegate.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(
                    chain,
                    authType,
                    String.valueOf(socket.getInetAddress()),
                    () -> delegate.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            check(chain, authType, "?", () -> delegate.checkServerTrusted(chain, authType));
        }

        private interface Check {
            void run() throws CertificateException;
        }

        private void check(X509Certificate[] chain, String authType, String host, Check full)
                throws CertificateException {
            X509Certificate leaf = chain[0];
            String pin = pinOf(leaf);
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException e) {
                throw new CertificateException(
                        "the server's certificate expired at " + leaf.getNotAfter().toInstant(), e);
            } catch (CertificateNotYetValidException e) {
                throw new CertificateException(
                        "the server's certificate is not valid before "
                                + leaf.getNotBefore().toInstant()
                                + " (is this computer's clock right?)",
                        e);
            }
            for (X509Certificate c : chain) {
                if (pins.contains(pinOf(c))) {
                    return; // the user vouched for this key
                }
            }
            try {
                full.run();
            } catch (CertificateException e) {
                try {
                    delegate.checkServerTrusted(chain, authType); // the chain without the name
                } catch (CertificateException untrusted) {
                    throw new CertificateException(
                            (pins.isEmpty()
                                            ? "the server's certificate is not signed by an"
                                                    + " authority this client trusts (self-signed?);"
                                                    + " if you know this server, pin its key: "
                                            : "the server's certificate is neither pinned nor"
                                                    + " signed by a trusted authority; its pin is ")
                                    + pin,
                            untrusted);
                }
                throw new CertificateException(
                        "the server's certificate is for " + names(leaf) + ", not for " + host, e);
            }
        }

        private static List<String> names(X509Certificate leaf) {
            List<String> names = new ArrayList<>();
            try {
                Collection<List<?>> alt = leaf.getSubjectAlternativeNames();
                if (alt != null) {
                    for (List<?> n : alt) {
                        names.add(String.valueOf(n.get(1)));
                    }
                }
            } catch (CertificateParsingException e) {
                // no readable names: the list stays empty
            }
            return names;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
