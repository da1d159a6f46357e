package org.chapar.server.gateway;

import io.netty.channel.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connections of this node that are not logged in, capped per client address and in total. When
 * a cap is full the newcomer takes the place of the oldest connection (of its own address for the
 * per-address cap): a flood then costs the flooder its own earlier connections, while a newcomer (a
 * user logging in, a health check) is served. Logged-in connections are not counted and never
 * closed here.
 *
 * <p>Accept failures (the process is out of file descriptors) close the oldest one too, to free a
 * descriptor. Both are logged at most once a minute, with a count.
 */
final class Admission {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final int perAddress;
    private final int total;
    private final Clock clock;
    private final SequencedSet<Channel> oldestFirst = new LinkedHashSet<>();
    private final Map<Object, ArrayDeque<Channel>> byAddress = new HashMap<>();
    private long closedSinceLog;
    private long acceptFailuresSinceLog;
    private long nextLogAt = Long.MIN_VALUE;
    private volatile long lastPressureAt = Long.MIN_VALUE;
    private final LongAdder displacedTotal = new LongAdder();
    private final LongAdder acceptFailuresTotal = new LongAdder();

    Admission(ConnectionLimits limits, Clock clock) {
        this.perAddress = limits.unauthenticatedPerAddress();
        this.total = limits.unauthenticated();
        this.clock = clock;
    }

    /** Counts a connection that is not logged in; closes the one it displaces, if any. */
    void admit(Channel channel, Object address) {
        Channel displaced = null;
        synchronized (this) {
            ArrayDeque<Channel> own = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
            if (own.size() >= perAddress) {
                displaced = own.peekFirst();
            } else if (oldestFirst.size() >= total) {
                displaced = oldestFirst.getFirst();
            }
            if (displaced != null) {
                forgetLocked(displaced, Connection.addressOf(displaced));
                closedSinceLog++;
                displacedTotal.increment();
                lastPressureAt = clock.millis();
            }
            own.addLast(channel);
            oldestFirst.addLast(channel);
            logLimitLocked();
        }
        if (displaced != null) {
            displaced.close();
        }
    }

    /** The connection logged in or closed. */
    synchronized void leave(Channel channel, Object address) {
        forgetLocked(channel, address);
    }

    /** accept() failed, typically because the process has no file descriptor left. */
    void acceptFailed() {
        Channel oldest;
        synchronized (this) {
            oldest = oldestFirst.isEmpty() ? null : oldestFirst.getFirst();
            if (oldest != null) {
                forgetLocked(oldest, Connection.addressOf(oldest));
            }
            acceptFailuresSinceLog++;
            acceptFailuresTotal.increment();
            lastPressureAt = clock.millis();
            logLimitLocked();
        }
        if (oldest != null) {
            oldest.close();
        }
    }

    /**
     * Whether a cap was full or accept() failed within {@code window}: the node is at its limits
     * and a load balancer should send new clients elsewhere.
     */
    boolean atLimit(Duration window) {
        long last = lastPressureAt;
        return last != Long.MIN_VALUE && clock.millis() - last < window.toMillis();
    }

    /** Connections not logged in closed to make room, since start. */
    long displaced() {
        return displacedTotal.sum();
    }

    /** Failed accepts (no file descriptor left), since start. */
    long acceptFailures() {
        return acceptFailuresTotal.sum();
    }

    /** Connections not logged in now. */
    synchronized int waiting() {
        return oldestFirst.size();
    }

    private void forgetLocked(Channel channel, Object address) {
        if (!oldestFirst.remove(channel)) {
            return;
        }
        ArrayDeque<Channel> own = byAddress.get(address);
        if (own != null) {
            own.remove(channel);
            if (own.isEmpty()) {
                byAddress.remove(address);
            }
        }
    }

    private void logLimitLocked() {
        if (closedSinceLog == 0 && acceptFailuresSinceLog == 0) {
            return;
        }
        long now = clock.millis();
        if (now < nextLogAt) {
            return;
        }
        nextLogAt = now + LOG_EVERY_MS;
        log.warn(
                "connection limit: closed {} connections not logged in (limits {} per address, {} in"
                        + " total) and failed to accept {} (out of file descriptors) since the"
                        + " last such line; next line in a minute at the earliest",
                closedSinceLog,
                perAddress,
                total,
                acceptFailuresSinceLog);
        closedSinceLog = 0;
        acceptFailuresSinceLog = 0;
    }
}
