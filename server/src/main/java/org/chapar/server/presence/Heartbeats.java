package org.chapar.server.presence;

import java.time.Duration;

/**
 * How nodes tell each other they are alive: each publishes a heartbeat every {@code interval}, and
 * a node silent for {@code missed} intervals is taken for dead (ADR 0022).
 */
public record Heartbeats(Duration interval, int missed) {

    public Heartbeats {
        if (interval.isNegative() || interval.isZero() || missed < 1) {
            throw new IllegalArgumentException(
                    "heartbeats need a positive interval and at least one missed beat: "
                            + interval
                            + ", "
                            + missed);
        }
    }

    /** Every 2 s, dead after 3 missed: a killed node's users go offline within about 8 s. */
    public static Heartbeats defaults() {
        return new Heartbeats(Duration.ofSeconds(2), 3);
    }

    /**
     * The defaults, overridable by {@code chapar.heartbeatMs} and {@code chapar.heartbeatsMissed}.
     */
    public static Heartbeats fromSystemProperties() {
        Heartbeats d = defaults();
        return new Heartbeats(
                Duration.ofMillis(Long.getLong("chapar.heartbeatMs", d.interval.toMillis())),
                Integer.getInteger("chapar.heartbeatsMissed", d.missed));
    }

    /** Silence longer than this is death. */
    public Duration timeout() {
        return interval.multipliedBy(missed);
    }
}
