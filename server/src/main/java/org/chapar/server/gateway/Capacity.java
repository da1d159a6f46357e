package org.chapar.server.gateway;

import io.netty.channel.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The ceiling on this node's WebSocket connections. Past {@code maxConnections} open ones, or with
 * the heap fuller than {@code heapPercent} after the last collection, a new upgrade is refused (503
 * with Retry-After, then closed) while the connections already open are served as before; a load
 * balancer that reads {@code /health} sends new clients elsewhere. Refusals are logged at most once
 * a minute, with their count.
 *
 * <p>The heap is read after collection (the pools' collection usage), not as used now: a heap that
 * fills with garbage between collections is not full.
 */
final class Capacity {
    private static final Logger log = LoggerFactory.getLogger(Capacity.class);
    private static final long LOG_EVERY_MS = 60_000;

    /** What a refused client is told to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final int maxConnections;
    private final int heapPercent;
    private final IntSupplier heapUsedPercent;
    private final Clock clock;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refusedTotal = new LongAdder();
    private long refusedSinceLog;
    private long nextLogAt = Long.MIN_VALUE;

    Capacity(ConnectionLimits limits, Clock clock) {
        this(limits, Capacity::heapPercentAfterCollection, clock);
    }

    Capacity(ConnectionLimits limits, IntSupplier heapUsedPercent, Clock clock) {
        this.maxConnections = limits.maxConnections();
        this.heapPercent = limits.heapPercent();
        this.heapUsedPercent = heapUsedPercent;
        this.clock = clock;
    }

    /** Why the node takes no new connection now, if it does not. */
    Optional<String> limit() {
        if (open.get() >= maxConnections) {
            return Optional.of(ceiling());
        }
        return heapLimit();
    }

    /**
     * Counts the channel as an open WebSocket until it closes, if there is room; else the reason it
     * is refused (counted, and logged at most once a minute).
     */
    Optional<String> admit(Channel channel) {
        Optional<String> limit = heapLimit();
        if (limit.isEmpty()) {
            if (open.incrementAndGet() <= maxConnections) {
                channel.closeFuture().addListener(f -> open.decrementAndGet());
                return Optional.empty();
            }
            open.decrementAndGet();
            limit = Optional.of(ceiling());
        }
        refused(limit.get());
        return limit;
    }

    /** WebSocket upgrades refused since start. */
    long refused() {
        return refusedTotal.sum();
    }

    /** WebSockets open now. */
    int open() {
        return open.get();
    }

    private String ceiling() {
        return "at its ceiling of " + maxConnections + " connections";
    }

    private Optional<String> heapLimit() {
        int used = heapUsedPercent.getAsInt();
        return used >= heapPercent
                ? Optional.of(
                        "heap " + used + "% full after collection (limit " + heapPercent + "%)")
                : Optional.empty();
    }

    private synchronized void refused(String reason) {
        refusedTotal.increment();
        refusedSinceLog++;
        long now = clock.millis();
        if (now < nextLogAt) {
            return;
        }
        nextLogAt = now + LOG_EVERY_MS;
        log.warn(
                "capacity: refused {} new connections since the last such line ({}); the open ones"
                        + " are still served; next line in a minute at the earliest",
                refusedSinceLog,
                reason);
        refusedSinceLog = 0;
    }

    /** The heap in use after the last collection, as a percentage of its maximum. */
    private static int heapPercentAfterCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after =
                    pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                used += after.getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return max <= 0 ? 0 : (int) (100 * used / max);
    }
}
