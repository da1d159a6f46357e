package org.chapar.server.tls;

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
import java.util.concurrent.TimeUnit;

/**
 * A certificate the server gets and renews itself over ACME (ADR 0019). A kept chain that covers
 * the domains serves at once; without one, a temporary self-signed certificate serves until the
 * first order, which starts only once the port listens ({@link #serving()}) since the CA's
 * validation has to reach it. Renewal runs on its own thread when a third of the lifetime is left;
 * a failure is logged in one line, retried with backoff, and shown in /health while the old
 * certificate keeps serving. A new certificate is a new {@link SslContext} for new handshakes; open
 * connections keep theirs.
 */
final class AcmeCertificate implements ServerCertificate {
    private static final Logger log = LoggerFactory.getLogger(AcmeCertificate.class);

    private final TlsSource.Acme source;
    private final AcmeFiles files;
    private final AcmeChallenges challenges = new AcmeChallenges();
    private final AcmeClient client;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    private volatile Loaded current;
    private volatile String problem;
    private int failures; // on the renewer thread only

    /** {@code fromCa}: false for the temporary self-signed certificate of the first start. */
    private record Loaded(SslContext context, PemCredentials credentials, boolean fromCa) {}

    AcmeCertificate(TlsSource.Acme source, Path dataDir, Clock clock) throws IOException {
        this.source = source;
        this.files = new AcmeFiles(dataDir);
        this.client = new AcmeClient(source, challenges);
        this.clock = clock;
        Optional<PemCredentials> kept = kept();
        if (kept.isPresent()) {
            current = new Loaded(TlsContexts.server(kept.get()), kept.get(), true);
            log.info(
                    "ACME: serving the kept certificate for {} (valid until {})",
                    source.domains(),
                    kept.get().leaf().getNotAfter().toInstant());
        } else {
            PemCredentials temporary = SelfSigned.create(source.domains(), clock.instant());
            current = new Loaded(TlsContexts.server(temporary), temporary, false);
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
        Loaded now = current;
        schedule(now.fromCa() ? RenewalTime.due(now.credentials().leaf()) : clock.instant());
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
        return Optional.ofNullable(problem);
    }

    private void schedule(Instant at) {
        long ms = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        renewer.schedule(this::order, ms, TimeUnit.MILLISECONDS);
    }

    /** One order; on success the next is scheduled at the renewal time, on failure a retry. */
    private void order() {
        try {
            List<X509Certificate> chain = client.obtain(files.accountKey(), files.domainKey());
            files.keepChain(chain);
            // read back what was kept, which also checks that the chain is for the domain key
            PemCredentials c = files.chain().orElseThrow();
            current = new Loaded(TlsContexts.server(c), c, true);
            problem = null;
            failures = 0;
            Instant due = RenewalTime.due(c.leaf());
            log.info(
                    "ACME: new certificate for {} (serial {}, valid until {}, renewal from {})",
                    source.domains(),
                    c.leaf().getSerialNumber().toString(16),
                    c.leaf().getNotAfter().toInstant(),
                    due);
            schedule(due);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (AcmeException | IOException | RuntimeException e) {
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
            schedule(retry);
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
    }
}
