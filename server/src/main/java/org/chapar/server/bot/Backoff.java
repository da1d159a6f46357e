package org.chapar.server.bot;

import java.time.Duration;

/**
 * How long a webhook sender waits after its {@code n}th failure in a row: 1 s, doubling, at most 60
 * s, so a receiver that is down for a day is called about once a minute.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(60);

    private Backoff() {}

    static Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = FIRST.toMillis() << doublings;
        return millis >= CAP.toMillis() ? CAP : Duration.ofMillis(millis);
    }
}
