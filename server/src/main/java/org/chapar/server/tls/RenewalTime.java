package org.chapar.server.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When an ACME certificate is renewed, and how a failed attempt is retried (ADR 0019): once less
 * than a third of its lifetime is left (30 days of a 90-day certificate, 2 of a 6-day one), and
 * after a failure again in 1 minute, doubling up to 1 hour, so a CA that is down is neither
 * hammered nor forgotten.
 */
final class RenewalTime {
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LAST_RETRY = Duration.ofHours(1);

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
