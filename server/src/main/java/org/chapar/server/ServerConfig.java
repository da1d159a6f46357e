package org.chapar.server;

import org.chapar.server.account.PasswordHasher;
import org.chapar.server.ratelimit.RateLimits;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything an operator can set. {@link #defaults()} is what `chapar server` runs with; JVM system
 * properties {@code chapar.*} override the hashing cost and the rate limits for benchmarks and
 * tests (see docs/operations.md).
 *
 * @param tooLongBound a common box further behind than this answers GetDifference with too_long
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        int readers,
        boolean fullSync,
        PasswordHasher.Params passwordHashing,
        RateLimits rateLimits,
        int maxFrameBytes,
        int tooLongBound,
        int idleTimeoutSeconds,
        Clock clock) {

    public static ServerConfig defaults() {
        return new ServerConfig(
                Path.of("data"),
                "127.0.0.1",
                8080,
                4,
                !"false".equals(System.getProperty("chapar.fullSync")),
                PasswordHasher.Params.fromSystemProperties(),
                RateLimits.fromSystemProperties(),
                64 * 1024,
                100_000,
                120,
                Clock.systemUTC());
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(
                dir,
                host,
                port,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(
                dataDir,
                h,
                port,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(
                dataDir,
                host,
                p,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withPasswordHashing(PasswordHasher.Params params) {
        return new ServerConfig(
                dataDir,
                host,
                port,
                readers,
                fullSync,
                params,
                rateLimits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(
                dataDir,
                host,
                port,
                readers,
                fullSync,
                passwordHashing,
                limits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withTooLongBound(int bound) {
        return new ServerConfig(
                dataDir,
                host,
                port,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                maxFrameBytes,
                bound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withMaxFrameBytes(int bytes) {
        return new ServerConfig(
                dataDir,
                host,
                port,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                bytes,
                tooLongBound,
                idleTimeoutSeconds,
                clock);
    }

    public ServerConfig withClock(Clock c) {
        return new ServerConfig(
                dataDir,
                host,
                port,
                readers,
                fullSync,
                passwordHashing,
                rateLimits,
                maxFrameBytes,
                tooLongBound,
                idleTimeoutSeconds,
                c);
    }
}
