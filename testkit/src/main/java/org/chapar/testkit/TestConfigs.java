package org.chapar.testkit;

import org.chapar.server.ServerConfig;
import org.chapar.server.account.PasswordHasher;
import org.chapar.server.gateway.ConnectionLimits;
import org.chapar.server.ratelimit.RateLimits;

import java.nio.file.Path;

/**
 * The configuration tests start from: real rules, but cheap hashing, no registration limit, no cap
 * per address on connections still logging in (every test client comes from 127.0.0.1), and
 * webhooks allowed to loopback (every test's {@link WebhookReceiver} listens there).
 */
public final class TestConfigs {
    private TestConfigs() {}

    public static ServerConfig forTests(Path dataDir) {
        RateLimits limits =
                RateLimits.defaults()
                        .withRegisterPerAddress(new RateLimits.Rule(1_000_000, 1e9))
                        .withSendsPerUser(new RateLimits.Rule(100_000, 1e7));
        ServerConfig defaults = ServerConfig.defaults();
        ConnectionLimits connections = defaults.connectionLimits();
        return defaults.withDataDir(dataDir)
                .withHost("127.0.0.1")
                .withPort(0)
                .withPasswordHashing(PasswordHasher.Params.cheap())
                .withRateLimits(limits)
                .withWebhooks(defaults.webhooks().withPrivateAddresses(true))
                .withConnectionLimits(
                        connections.withUnauthenticated(
                                connections.unauthenticated(), connections.unauthenticated()));
    }
}
