package org.chapar.server.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

import org.bouncycastle.cert.ocsp.CertificateID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

/**
 * OCSP stapling for the certificate a source serves now (ADR 0025). When its leaf names an OCSP
 * responder and the engine is BoringSSL, a response is fetched on this class's own thread as soon
 * as the certificate is loaded, checked ({@link OcspResponses}), and fetched again halfway through
 * its validity; each new handshake is given the latest good one, if it is still current. A
 * handshake never waits for the responder, so a responder that is down costs handshakes nothing:
 * they go without a staple, as they did before stapling, and the failure is logged once and shown
 * in {@code /health} until the responder answers again. Only the responder the certificate names is
 * ever asked, and only about the certificate.
 */
final class OcspStapling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcspStapling.class);

    /** Never stapling, for certificates that cannot name a responder (self-signed). */
    static final OcspStapling OFF = new OcspStapling(false, Clock.systemUTC(), Duration.ZERO);

    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LAST_RETRY = Duration.ofHours(1);
    private static final Duration SOONEST_REFRESH = Duration.ofMinutes(1);
    private static final Duration LATEST_REFRESH = Duration.ofDays(1);

    /** How long an answer without nextUpdate is stapled and when it is asked for again. */
    private static final Duration WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

    private final boolean enabled;
    private final Clock clock;
    private final Duration timeout;
    private ScheduledExecutorService fetcher; // these three under this object's lock
    private HttpClient http;
    private ScheduledFuture<?> next;
    private volatile Target target; // the leaf fetched for, or null
    private volatile Staple staple; // its latest good answer, or null
    private volatile String problem;
    private boolean toldUnsupported;
    private boolean toldVerdict; // a revoked or unknown verdict is logged even within a run
    private boolean closed;

    private record Target(
            X509Certificate leaf, URI responder, CertificateID id, X509Certificate issuer) {}

    private record Staple(X509Certificate leaf, byte[] der, Instant until) {}

    /** {@code timeout}: how long one fetch may take, connecting included. */
    OcspStapling(boolean enabled, Clock clock, Duration timeout) {
        this.enabled = enabled;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Whether a context for {@code credentials} on {@code engine} is to staple: stapling is on, the
     * leaf names a responder, the chain holds its issuer, and the engine can staple.
     */
    synchronized boolean applies(PemCredentials credentials, SslProvider engine) {
        if (!enabled || OcspResponses.responderOf(credentials.leaf()).isEmpty()) {
            return false;
        }
        String why = null;
        if (engine != SslProvider.OPENSSL || !OpenSsl.isOcspSupported()) {
            why = "the " + engine + " TLS engine cannot staple here (only BoringSSL's does)";
        } else if (issuerOf(credentials).isEmpty()) {
            why = "the certificate file does not hold the issuer's certificate after the leaf";
        }
        if (why != null && !toldUnsupported) {
            toldUnsupported = true;
            log.info("OCSP stapling is off for this certificate: {}", why);
        }
        return why == null;
    }

    /**
     * {@code context}, made for {@code credentials}, now serving new handshakes: if it {@code
     * staples}, its leaf's response is fetched from now on and set on each of its engines;
     * otherwise nothing is fetched any more.
     */
    synchronized SslContext serving(
            SslContext context, PemCredentials credentials, boolean staples) {
        if (!staples) {
            stop();
            return context;
        }
        X509Certificate leaf = credentials.leaf();
        if (target == null || !target.leaf().equals(leaf)) {
            stop();
            X509Certificate issuer = issuerOf(credentials).orElseThrow();
            target =
                    new Target(
                            leaf,
                            OcspResponses.responderOf(leaf).orElseThrow(),
                            OcspResponses.idOf(leaf, issuer),
                            issuer);
            schedule(Duration.ZERO, 0);
        }
        X509Certificate watched = target.leaf(); // the instance its staple is kept for
        return new DelegatingSslContext(context) {
            @Override
            protected void initEngine(SSLEngine engine) {
                byte[] der = responseFor(watched);
                if (der != null && engine instanceof ReferenceCountedOpenSslEngine e) {
                    e.setOcspResponse(der);
                }
            }
        };
    }

    /** The current good answer about {@code leaf}, or null. */
    byte[] responseFor(X509Certificate leaf) {
        Staple s = staple;
        return s != null && s.leaf() == leaf && clock.instant().isBefore(s.until())
                ? s.der()
                : null;
    }

    /** Why handshakes go without a staple, while they do because the responder failed. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void schedule(Duration in, int failures) {
        if (closed) {
            return; // a reload racing the server's stop
        }
        if (fetcher == null) {
            fetcher =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "tls-ocsp");
                                t.setDaemon(true);
                                return t;
                            });
            http =
                    HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
        }
        Target t = target;
        next = fetcher.schedule(() -> fetch(t, failures), in.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fetch(Target t, int failures) {
        OcspResponses.Answer a;
        try {
            a =
                    OcspResponses.fetch(
                            http, t.responder(), t.id(), t.issuer(), timeout, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped or closing
            return;
        } catch (IOException | RuntimeException e) {
            failed(t, failures, "no answer from " + t.responder() + ": " + reason(e), false);
            return;
        }
        if (a.status() != OcspResponses.Status.GOOD) {
            failed(t, failures, t.responder() + " says the certificate is " + a.status(), true);
            return;
        }
        Instant now = clock.instant();
        Instant until = a.nextUpdate().orElse(now.plus(WITHOUT_NEXT_UPDATE));
        Duration refresh =
                Duration.between(now, a.thisUpdate())
                        .plus(Duration.between(a.thisUpdate(), until).dividedBy(2));
        synchronized (this) {
            if (target != t) {
                return; // a new certificate took over while this one was asked about
            }
            staple = new Staple(t.leaf(), a.der(), until);
            if (problem != null) {
                log.info("OCSP: {} answers again; handshakes are stapled", t.responder());
                problem = null;
                toldVerdict = false;
            }
            schedule(clamp(refresh, SOONEST_REFRESH, LATEST_REFRESH), 0);
        }
    }

    /**
     * Logs the first failure of a run of them; a revoked or unknown certificate loses its staple at
     * once, a responder that does not answer only once the last staple expires.
     */
    private synchronized void failed(Target t, int failures, String why, boolean dropStaple) {
        if (target != t) {
            return;
        }
        if (dropStaple) {
            staple = null;
        }
        Staple kept = staple;
        String now =
                kept != null && clock.instant().isBefore(kept.until())
                        ? why + "; the last answer is stapled until " + kept.until()
                        : why + "; handshakes go without a staple";
        if (problem == null || (dropStaple && !toldVerdict)) {
            toldVerdict = dropStaple;
            log.warn("OCSP stapling: {} (asking again, logged once until it works)", now);
        }
        problem = "OCSP stapling: " + now;
        Duration retry = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 6));
        schedule(clamp(retry, FIRST_RETRY, LAST_RETRY), failures + 1);
    }

    private static Duration clamp(Duration d, Duration least, Duration most) {
        return d.compareTo(least) < 0 ? least : d.compareTo(most) > 0 ? most : d;
    }

    /** The first message down the causes (the JDK's HttpClient leaves its own empty). */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t == e
                        ? t.getMessage()
                        : e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static Optional<X509Certificate> issuerOf(PemCredentials c) {
        X509Certificate leaf = c.leaf();
        return c.chain().stream()
                .skip(1)
                .filter(i -> i.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))
                .findFirst();
    }

    private void stop() {
        if (next != null) {
            next.cancel(true);
            next = null;
        }
        target = null;
        staple = null;
        problem = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
        if (fetcher != null) {
            fetcher.shutdownNow();
            http.shutdownNow(); // close() would wait for a hanging responder
        }
    }
}
