package org.chapar.server.tls;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One certificate order over RFC 8555 with acme4j: the account (found again by its key, or made),
 * an order for the domains, each authorization proven by HTTP-01 on the plain port, the CSR for the
 * domain key, and the chain the CA issues. It talks to the directory the operator configured and to
 * the URLs that directory gives, nothing else.
 */
final class AcmeClient {
    /** The bound on each wait for the CA (a validation, the issuance). */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TlsSource.Acme source;
    private final AcmeChallenges challenges;
    private final AcmeProvider provider;

    AcmeClient(TlsSource.Acme source, AcmeChallenges challenges) throws IOException {
        // acme4j builds its CSR with the BouncyCastle provider, asked for by name
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        this.source = source;
        this.challenges = challenges;
        this.provider =
                source.trust().isEmpty()
                        ? new GenericAcmeProvider()
                        : trusting(sslContext(source.trust().get()));
    }

    /** The chain, leaf first, issued for the domains on {@code domainKey}. */
    List<X509Certificate> obtain(KeyPair accountKey, KeyPair domainKey)
            throws AcmeException, InterruptedException {
        Session session = new Session(source.directory(), provider);
        AccountBuilder builder =
                new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        source.email().ifPresent(builder::addEmail);
        Account account = builder.create(session);
        Order order = account.newOrder().domains(source.domains()).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() != Status.VALID) {
                prove(auth);
            }
        }
        order.waitUntilReady(WAIT);
        order.execute(domainKey);
        Status status = order.waitForCompletion(WAIT);
        if (status != Status.VALID) {
            throw new AcmeException(
                    "the order ended "
                            + status
                            + order.getError().map(p -> ": " + describe(p)).orElse(""));
        }
        return order.getCertificate().getCertificateChain();
    }

    /** Answers the HTTP-01 challenge of one authorization while the CA validates it. */
    private void prove(Authorization auth) throws AcmeException, InterruptedException {
        String name = auth.getIdentifier().getValue();
        Http01Challenge challenge =
                auth.findChallenge(Http01Challenge.class)
                        .orElseThrow(
                                () ->
                                        new AcmeException(
                                                "the CA offers no http-01 challenge for " + name));
        challenges.open(challenge.getToken(), challenge.getAuthorization());
        try {
            challenge.trigger();
            Status status = challenge.waitForCompletion(WAIT);
            if (status != Status.VALID) {
                throw new AcmeException(
                        "the CA could not validate "
                                + name
                                + " over http-01"
                                + challenge.getError().map(p -> ": " + describe(p)).orElse(""));
            }
        } finally {
            challenges.close(challenge.getToken());
        }
    }

    private static String describe(Problem p) {
        return p.getDetail().orElse(p.getType().toString());
    }

    /** The JDK's HttpClient that acme4j uses, trusting these roots for the directory only. */
    private static AcmeProvider trusting(SSLContext context) {
        return new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings settings) {
                return new HttpConnector(settings) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        return super.createClientBuilder().sslContext(context);
                    }
                };
            }
        };
    }

    private static SSLContext sslContext(Path roots) throws IOException {
        try (InputStream in = Files.newInputStream(roots)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("root-" + n++, c);
            }
            if (n == 0) {
                throw new IOException(roots + ": no PEM certificate (BEGIN CERTIFICATE) in it");
            }
            TrustManagerFactory f =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, f.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(roots + ": not a file of PEM certificates: " + e.getMessage(), e);
        }
    }
}
