package org.chapar.server.ratelimit;

import org.chapar.server.core.ApiException;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by whatever is being limited (a user id, a username, an address). Keys live
 * in memory only, are never logged or stored, and are forgotten once their bucket is full again, so
 * an address is kept no longer than it is being limited.
 */
public final class RateLimiter {
    private final RateLimits.Rule rule;
    private final Clock clock;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();
    private long lastSweep;

    public RateLimiter(RateLimits.Rule rule, Clock clock) {
        this.rule = rule;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** Takes one token for the key, or throws FLOOD_WAIT with the time until one is free. */
    public void acquire(Object key) {
        long wait = tryAcquire(key);
        if (wait > 0) {
            throw ApiException.floodWait(wait);
        }
    }

    /** Takes one token; returns 0 on success, else the milliseconds until one is available. */
    public long tryAcquire(Object key) {
        long now = clock.millis();
        sweep(now);
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(rule.burst(), now));
        synchronized (b) {
            refill(b, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) * 60_000 / rule.perMinute());
        }
    }

    /** Milliseconds until the key has a token again, without taking one. */
    public long waitTime(Object key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            refill(b, clock.millis());
            return b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) * 60_000 / rule.perMinute());
        }
    }

    /**
     * Gives back one token taken by {@link #tryAcquire}: an attempt reserved before slow work (a
     * password hash) that turned out not to count, e.g. a correct password.
     */
    public void release(Object key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return;
        }
        synchronized (b) {
            refill(b, clock.millis());
            b.tokens = Math.min(rule.burst(), b.tokens + 1);
        }
    }

    /** Forgets the key, e.g. a username after a successful login. */
    public void reset(Object key) {
        buckets.remove(key);
    }

    private void refill(Bucket b, long now) {
        double added = (now - b.updated) * rule.perMinute() / 60_000;
        b.tokens = Math.min(rule.burst(), b.tokens + added);
        b.updated = now;
    }

    private void sweep(long now) {
        if (now - lastSweep < 60_000) {
            return;
        }
        lastSweep = now;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                refill(b, now);
                if (b.tokens >= rule.burst()) {
                    it.remove();
                }
            }
        }
    }
}
