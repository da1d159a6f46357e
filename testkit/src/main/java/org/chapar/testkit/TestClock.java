package org.chapar.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, for rules that depend on time (restrictions that expire, link
 * expiry, retention). Give it to the server with {@code ChaparServerExtension.create(c ->
 * c.withClock(clock))}.
 */
public final class TestClock extends Clock {
    private volatile long millis;

    public TestClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    /** A clock starting at the current time. */
    public static TestClock now() {
        return new TestClock(Instant.now());
    }

    public void advance(Duration d) {
        millis += d.toMillis();
    }

    /** Unix seconds, as the protocol counts dates. */
    public long seconds() {
        return millis / 1000;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
