package org.chapar.server.tls;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.challenge.TokenChallenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One certificate order over RFC 8555 with acme4j: the account (found again by its key, or made),
 * an order for the domains, each authorization proven by HTTP-01 on the plain port or TLS-ALPN-01
 * on the TLS port, the CSR for the domain key, and the chain the CA issues. Also asks the CA when
 * to renew (ARI, RFC 9773). It talks to the directory the operator configured and to the URLs that
 * directory gives, nothing else.
 */
final class AcmeClient {
    /** The bound on each wait for the CA (a validation, the issuance). */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final URI ALREADY_REPLACED =
            URI.create("urn:ietf:params:acme:error:alreadyReplaced");

    private final TlsSource.Acme source;
    private final AcmeChallenges challenges;
    private final AcmeProvider provider;
    private final Clock clock;

    AcmeClient(TlsSource.Acme source, AcmeChallenges challenges, Clock clock) throws IOException {
        // acme4j builds its CSR with the BouncyCastle provider, asked for by name
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        this.source = source;
        this.challenges = challenges;
        this.clock = clock;
        this.provider =
                source.trust().isEmpty()
                        ? new GenericAcmeProvider()
                        : trusting(sslContext(source.trust().get()));
    }

    /** The CA's suggested renewal window for a certificate (RFC 9773 4.2). */
    record RenewalWindow(Instant start, Instant end, Optional<Instant> retryAfter) {}

    /**
     * The chain, leaf first, issued for the domains on {@code domainKey}; {@code replacing} is the
     * certificate it succeeds, named to a CA that has renewalInfo (RFC 9773 5).
     */
    List<X509Certificate> obtain(
            KeyPair accountKey, KeyPair domainKey, Optional<X509Certificate> replacing)
            throws AcmeException, IOException, InterruptedException {
        Session session = new Session(source.directory(), provider);
        Account account = account(accountKey).create(session);
        Order order;
        if (replacing.isPresent() && hasRenewalInfo(session)) {
            try {
                order = newOrder(account).replaces(replacing.get()).create();
            } catch (AcmeServerException e) {
                if (!e.getType().equals(ALREADY_REPLACED)) {
                    throw e;
                }
                // RFC 9773 5: the CA will not take it as a replacement (one is under way, or was
                // issued and lost here): an order of its own is what is left
                order = newOrder(account).create();
            }
        } else {
            order = newOrder(account).create();
        }
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

    /** The CA's renewal window for {@code leaf}, or empty when its directory has no renewalInfo. */
    Optional<RenewalWindow> renewalWindow(KeyPair accountKey, X509Certificate leaf)
            throws AcmeException {
        Session session = new Session(source.directory(), provider);
        if (!hasRenewalInfo(session)) {
            return Optional.empty();
        }
        RenewalInfo info = account(accountKey).createLogin(session).bindRenewalInfo(leaf);
        Optional<Instant> retryAfter = info.fetch();
        return Optional.of(
                new RenewalWindow(
                        info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(), retryAfter));
    }

    private OrderBuilder newOrder(Account account) {
        return account.newOrder().domains(source.domains());
    }

    private static boolean hasRenewalInfo(Session session) throws AcmeException {
        return session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
    }

    /** The account of this key: found again by the CA, or made on the first call. */
    private AccountBuilder account(KeyPair accountKey) {
        AccountBuilder builder =
                new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        source.email().ifPresent(builder::addEmail);
        return builder;
    }

    /** Answers the challenge of one authorization while the CA validates it. */
    private void prove(Authorization auth) throws AcmeException, IOException, InterruptedException {
        String name = auth.getIdentifier().getValue();
        TlsSource.Challenge type = source.challenge();
        Class<? extends TokenChallenge> kind =
                type == TlsSource.Challenge.HTTP_01
                        ? Http01Challenge.class
                        : TlsAlpn01Challenge.class;
        TokenChallenge challenge =
                auth.findChallenge(kind)
                        .orElseThrow(
                                () ->
                                        new AcmeException(
                                                "the CA offers no "
                                                        + type.wireName()
                                                        + " challenge for "
                                                        + name));
        String keyAuthorization = challenge.getAuthorization();
        Optional<String> token =
                challenge instanceof Http01Challenge http
                        ? Optional.of(http.getToken())
                        : Optional.empty();
        if (token.isPresent()) {
            challenges.open(token.get(), keyAuthorization);
        } else {
            challenges.openTlsAlpn(
                    name, TlsAlpnCertificate.context(name, keyAuthorization, clock.instant()));
        }
        try {
            challenge.trigger();
            Status status = challenge.waitForCompletion(WAIT);
            if (status != Status.VALID) {
                throw new AcmeException(
                        "the CA could not validate "
                                + name
                                + " over "
                                + type.wireName()
                                + challenge.getError().map(p -> ": " + describe(p)).orElse(""));
            }
        } finally {
            token.ifPresent(challenges::close);
            challenges.closeTlsAlpn(name);
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
