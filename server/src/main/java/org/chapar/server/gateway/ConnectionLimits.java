package org.chapar.server.gateway;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one connection may hold of the server before and after it logs in.
 *
 * @param maxQueuedBytes bytes waiting to be written to one connection beyond its write buffer's
 *     high water mark; a connection that lets more pile up (it does not read) is closed
 * @param requestDeadline time from accepting a connection (or from the end of its previous HTTP
 *     answer) until a whole HTTP request, the WebSocket upgrade included, has been read
 * @param loginDeadline time from the WebSocket handshake (or a logout) until the connection is
 *     logged in
 * @param unauthenticatedPerAddress connections not logged in that one client address may hold
 * @param unauthenticated connections not logged in that all addresses together may hold; below the
 *     open-files limit, so that logged-in users and the health check keep a reserve
 * @param maxConnections WebSocket connections, logged in or not, the node holds at most; past it a
 *     new upgrade is answered 503 with Retry-After ({@link Capacity})
 * @param heapPercent the share of the heap in use after collection past which new upgrades are
 *     refused the same way
 */
public record ConnectionLimits(
        int maxQueuedBytes,
        Duration requestDeadline,
        Duration loginDeadline,
        int unauthenticatedPerAddress,
        int unauthenticated,
        int maxConnections,
        int heapPercent) {

    /**
     * The defaults. Half of the process's open-files limit is left to logged-in connections, the
     * database and the server's own files; WebSockets may take 90% of it, and 90% of the heap.
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(
                8 << 20,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                100,
                (int) Math.min(Integer.MAX_VALUE, openFilesLimit() / 2),
                (int) Math.min(Integer.MAX_VALUE, openFilesLimit() * 9 / 10),
                90);
    }

    /** The defaults, each overridable by a property {@code chapar.connection.NAME}. */
    public static ConnectionLimits fromSystemProperties() {
        ConnectionLimits d = defaults();
        return new ConnectionLimits(
                Integer.getInteger("chapar.connection.maxQueuedBytes", d.maxQueuedBytes),
                Duration.ofMillis(
                        Long.getLong(
                                "chapar.connection.requestDeadlineMs",
                                d.requestDeadline.toMillis())),
                Duration.ofMillis(
                        Long.getLong(
                                "chapar.connection.loginDeadlineMs", d.loginDeadline.toMillis())),
                Integer.getInteger(
                        "chapar.connection.unauthenticatedPerAddress", d.unauthenticatedPerAddress),
                Integer.getInteger("chapar.connection.unauthenticated", d.unauthenticated),
                Integer.getInteger("chapar.connection.max", d.maxConnections),
                Integer.getInteger("chapar.connection.heapPercent", d.heapPercent));
    }

    public ConnectionLimits withDeadlines(Duration request, Duration login) {
        return new ConnectionLimits(
                maxQueuedBytes,
                request,
                login,
                unauthenticatedPerAddress,
                unauthenticated,
                maxConnections,
                heapPercent);
    }

    public ConnectionLimits withUnauthenticated(int perAddress, int total) {
        return new ConnectionLimits(
                maxQueuedBytes,
                requestDeadline,
                loginDeadline,
                perAddress,
                total,
                maxConnections,
                heapPercent);
    }

    public ConnectionLimits withMaxQueuedBytes(int bytes) {
        return new ConnectionLimits(
                bytes,
                requestDeadline,
                loginDeadline,
                unauthenticatedPerAddress,
                unauthenticated,
                maxConnections,
                heapPercent);
    }

    /** At most {@code connections} WebSockets, and none new past {@code heap}% of the heap. */
    public ConnectionLimits withCeiling(int connections, int heap) {
        return new ConnectionLimits(
                maxQueuedBytes,
                requestDeadline,
                loginDeadline,
                unauthenticatedPerAddress,
                unauthenticated,
                connections,
                heap);
    }

    /** The most files this process may have open; 20,000 where the platform does not say. */
    private static long openFilesLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() > 0) {
            return os.getMaxFileDescriptorCount();
        }
        return 20_000;
    }
}
