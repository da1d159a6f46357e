package org.chapar.testkit;

import org.chapar.server.ServerConfig;
import org.chapar.server.account.PasswordHasher;
import org.chapar.server.ratelimit.RateLimits;

import java.nio.file.Path;

/** The configuration tests start from: real rules, but cheap hashing and no registration limit. */
public final class TestConfigs {
    private TestConfigs() {}

    public static ServerConfig forTests(Path dataDir) {
        RateLimits limits =
                RateLimits.defaults()
                        .withRegisterPerAddress(new RateLimits.Rule(1_000_000, 1e9))
                        .withSendsPerUser(new RateLimits.Rule(100_000, 1e7));
        return ServerConfig.defaults()
                .withDataDir(dataDir)
                .withHost("127.0.0.1")
                .withPort(0)
                .withPasswordHashing(PasswordHasher.Params.cheap())
                .withRateLimits(limits);
    }
}
