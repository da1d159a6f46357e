package org.chapar.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;

import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A certificate the server gets and renews itself over ACME (ADR 0019). A kept chain that covers
 * the domains serves at once; without one, a temporary self-signed certificate serves until the
 * first order, which starts only once the port listens ({@link #serving()}) since the CA's
 * validation has to reach it. Renewal runs on its own thread: at a random moment of the window the
 * CA suggests (ARI), asked for again after each Retry-After, or without ARI when a third of the
 * lifetime is left; a failure is logged in one line, retried with backoff, and shown in /health
 * while the old certificate keeps serving. A new certificate is a new {@link SslContext} for new
 * handshakes; open connections keep theirs.
 */
final class AcmeCertificate implements ServerCertificate {
    private static final Logger log = LoggerFactory.getLogger(AcmeCertificate.class);

    private final TlsSource.Acme source;
    private final AcmeFiles files;
    private final AcmeChallenges challenges = new AcmeChallenges();
    private final AcmeClient client;
    private final Clock clock;
    private final OcspStapling ocsp;
    private final ScheduledExecutorService renewer;
    private volatile Loaded current;
    private volatile String problem;
    private int failures; // this and the two below on the renewer thread only
    private AcmeClient.RenewalWindow window; // the CA's last suggested window
    private Instant renewAt; // the moment chosen in it

    /** {@code fromCa}: false for the temporary self-signed certificate of the first start. */
    private record Loaded(SslContext context, PemCredentials credentials, boolean fromCa) {}

    AcmeCertificate(TlsSource.Acme source, Path dataDir, Clock clock, OcspStapling ocsp)
            throws IOException {
        this.source = source;
        this.ocsp = ocsp;
        this.files = new AcmeFiles(dataDir);
        this.client = new AcmeClient(source, challenges, clock);
        this.clock = clock;
        Optional<PemCredentials> kept = kept();
        if (kept.isPresent()) {
            current = new Loaded(TlsContexts.server(kept.get(), ocsp), kept.get(), true);
            log.info(
                    "ACME: serving the kept certificate for {} (valid until {})",
                    source.domains(),
                    kept.get().leaf().getNotAfter().toInstant());
        } else {
            PemCredentials temporary = SelfSigned.create(source.domains(), clock.instant());
            current = new Loaded(TlsContexts.server(temporary, ocsp), temporary, false);
            problem = "waiting for the first certificate from ACME (" + source.directory() + ")";
        }
        this.renewer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "tls-acme");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void serving() {
        schedule(current.fromCa() ? this::check : this::order, clock.instant());
    }

    /** While a TLS-ALPN-01 challenge is open, new connections first show their ClientHello. */
    @Override
    public ChannelHandler newHandler(ByteBufAllocator alloc) {
        if (!challenges.anyTlsAlpn()) {
            return context().newHandler(alloc);
        }
        return new AcmeAlpnSelector(challenges, this::context);
    }

    @Override
    public Optional<String> httpChallenge(String token) {
        return challenges.answer(token);
    }

    @Override
    public SslContext context() {
        return current.context();
    }

    @Override
    public PemCredentials credentials() {
        return current.credentials();
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem).or(ocsp::problem);
    }

    private void schedule(Runnable step, Instant at) {
        long ms = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        renewer.schedule(step, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the CA when to renew the certificate serving now (RFC 9773 4.3) and schedules the order
     * at the moment chosen in its window, or the next check first if that comes earlier; without
     * renewalInfo, or when it cannot be had, the third-of-lifetime rule decides.
     */
    private void check() {
        X509Certificate leaf = current.credentials().leaf();
        Instant now = clock.instant();
        Optional<AcmeClient.RenewalWindow> suggested;
        try {
            suggested = client.renewalWindow(files.accountKey(), leaf);
            if (suggested.isPresent() && !suggested.get().end().isAfter(suggested.get().start())) {
                throw new AcmeException(
                        "the CA's renewal window ends before it starts: " + suggested.get());
            }
        } catch (AcmeException | IOException | RuntimeException e) {
            if (renewer.isShutdown()) {
                return; // closing: acme4j reports the interrupt as a network error
            }
            Instant due = RenewalTime.due(leaf);
            Instant next = now.plus(RenewalTime.LAST_RETRY);
            log.warn(
                    "ACME: cannot get the renewal window for {} from {}: {}; renewal from {} by"
                            + " the certificate's lifetime, asking again at {}",
                    source.domains(),
                    source.directory(),
                    describe(e),
                    due,
                    next);
            if (due.isAfter(next)) {
                schedule(this::check, next);
            } else {
                schedule(this::order, due);
            }
            return;
        }
        if (suggested.isEmpty()) {
            schedule(this::order, RenewalTime.due(leaf)); // no ARI at this CA
            return;
        }
        AcmeClient.RenewalWindow w = suggested.get();
        if (window == null || !w.start().equals(window.start()) || !w.end().equals(window.end())) {
            window = w;
            renewAt = RenewalTime.within(w.start(), w.end(), ThreadLocalRandom.current());
        }
        Instant next = RenewalTime.recheck(now, w.retryAfter());
        log.info(
                "ACME: the CA suggests renewing {} between {} and {}; renewal at {}, next check at"
                        + " {}",
                source.domains(),
                w.start(),
                w.end(),
                renewAt.isBefore(now) ? now : renewAt,
                next);
        if (renewAt.isAfter(next)) {
            schedule(this::check, next);
        } else {
            schedule(this::order, renewAt);
        }
    }

    /** One order; on success its renewal window is asked for at once, on failure a retry. */
    private void order() {
        try {
            Loaded replacing = current;
            List<X509Certificate> chain =
                    client.obtain(
                            files.accountKey(),
                            files.domainKey(),
                            replacing.fromCa()
                                    ? Optional.of(replacing.credentials().leaf())
                                    : Optional.empty());
            files.keepChain(chain);
            // read back what was kept, which also checks that the chain is for the domain key
            PemCredentials c = files.chain().orElseThrow();
            current = new Loaded(TlsContexts.server(c, ocsp), c, true);
            problem = null;
            failures = 0;
            window = null;
            log.info(
                    "ACME: new certificate for {} (serial {}, valid until {})",
                    source.domains(),
                    c.leaf().getSerialNumber().toString(16),
                    c.leaf().getNotAfter().toInstant());
            schedule(this::check, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (AcmeException | IOException | RuntimeException e) {
            if (renewer.isShutdown()) {
                return; // closing: acme4j reports the interrupt as a network error
            }
            failures++;
            Instant retry = clock.instant().plus(RenewalTime.retryAfter(failures));
            if (e instanceof AcmeRateLimitedException limited
                    && limited.getRetryAfter().isPresent()
                    && limited.getRetryAfter().get().isAfter(retry)) {
                retry = limited.getRetryAfter().get();
            }
            String why = describe(e);
            problem =
                    (current.fromCa()
                                    ? "ACME renewal failed, the old certificate stays: "
                                    : "no certificate from ACME yet, a temporary self-signed one"
                                            + " serves: ")
                            + why;
            log.warn(
                    "ACME: cannot get a certificate for {} from {}: {}; attempt {}, next at {}",
                    source.domains(),
                    source.directory(),
                    why,
                    failures,
                    retry);
            schedule(this::order, retry);
        }
    }

    /** The kept chain, if it loads and names every domain asked for. */
    private Optional<PemCredentials> kept() {
        try {
            return files.chain().filter(c -> covers(c.leaf(), source.domains()));
        } catch (IOException e) {
            log.warn(
                    "ACME: the kept certificate in {} does not load: {}",
                    files.dir(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    static boolean covers(X509Certificate leaf, List<String> domains) {
        Set<String> names = new HashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return domains.stream().allMatch(d -> names.contains(d.toLowerCase(Locale.ROOT)));
    }

    /**
     * The message and the causes under it, which for a network failure say what failed (acme4j's
     * own message is only "Network error"); a refused connection is said in words.
     */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        List<String> causes = new ArrayList<>();
        boolean refused = false;
        for (Throwable c = e.getCause();
                c != null && c != e && causes.size() < 4;
                c = c.getCause()) {
            refused |= c instanceof ConnectException;
            String m = c.getMessage();
            String cause =
                    c.getClass().getSimpleName()
                            + (m == null || out.indexOf(m) >= 0 ? "" : ": " + m);
            if (!causes.contains(cause)) {
                causes.add(cause); // the JDK's HttpClient wraps a ConnectException in another
            }
        }
        if (refused) {
            out.append(": cannot connect to the ACME directory");
        }
        if (!causes.isEmpty()) {
            out.append(" (").append(String.join(" / ", causes)).append(")");
        }
        return out.toString();
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        ocsp.close();
    }
}
