package org.chapar.server.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When an ACME certificate is renewed, and how a failed attempt is retried (ADR 0019, 0029): at a
 * uniformly random moment of the window the CA suggests (ARI, RFC 9773 4.2), or where the CA has
 * none once less than a third of its lifetime is left (30 days of a 90-day certificate, 2 of a
 * 6-day one); after a failure again in 1 minute, doubling up to 1 hour, so a CA that is down is
 * neither hammered nor forgotten.
 */
final class RenewalTime {
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LAST_RETRY = Duration.ofHours(1);

    /** How often the renewal window is asked for again when the CA gives no Retry-After. */
    static final Duration ARI_RECHECK = Duration.ofHours(6);

    /** The longest Retry-After honoured, so a wrong one cannot silence the checks for months. */
    static final Duration ARI_RECHECK_MAX = Duration.ofDays(1);

    /** The shortest, so a Retry-After of 0 or in the past does not spin. */
    static final Duration ARI_RECHECK_MIN = Duration.ofSeconds(1);

    private RenewalTime() {}

    /**
     * The moment from which a certificate valid from {@code notBefore} to {@code notAfter} is due.
     */
    static Instant due(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (lifetime.isNegative()) {
            return notBefore;
        }
        return notAfter.minus(lifetime.dividedBy(3));
    }

    static Instant due(X509Certificate c) {
        return due(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    /** A uniformly random moment in [{@code start}, {@code end}), the RFC 9773 4.2 choice. */
    static Instant within(Instant start, Instant end, RandomGenerator random) {
        long span = Duration.between(start, end).toMillis();
        if (span <= 0) {
            throw new IllegalArgumentException("a renewal window ends after it starts");
        }
        return start.plusMillis(random.nextLong(span));
    }

    /**
     * When to ask for the renewal window again, after the CA's {@code Retry-After} if it gave one.
     */
    static Instant recheck(Instant now, Optional<Instant> retryAfter) {
        Duration wait = retryAfter.map(at -> Duration.between(now, at)).orElse(ARI_RECHECK);
        if (wait.compareTo(ARI_RECHECK_MIN) < 0) {
            wait = ARI_RECHECK_MIN;
        } else if (wait.compareTo(ARI_RECHECK_MAX) > 0) {
            wait = ARI_RECHECK_MAX;
        }
        return now.plus(wait);
    }

    /** How long to wait after the {@code failures}-th failure in a row (1 or more). */
    static Duration retryAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1");
        }
        int doublings = Math.min(failures - 1, 30);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
    }
}
