package org.chapar.server.ratelimit;

import java.util.function.Consumer;

/**
 * The rate limits the server enforces. Each is a token bucket: {@code burst} requests at once,
 * refilled at {@code perMinute}.
 */
public record RateLimits(
        Rule loginPerUsername,
        Rule loginPerAddress,
        Rule registerPerAddress,
        Rule requestsPerSession,
        Rule requestsBeforeLogin,
        Rule sendsPerUser,
        Rule typingPerUser,
        Rule loginPerDevice,
        Rule requestsPerUser,
        Rule searchesPerUser) {

    public record Rule(int burst, double perMinute) {
        public static Rule parse(String spec, Rule fallback) {
            if (spec == null || spec.isBlank()) {
                return fallback;
            }
            String[] parts = spec.split("/");
            return new Rule(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        }
    }

    /**
     * The defaults. Requests before login are counted per address, and whole mobile networks can
     * sit behind one address (carrier-grade NAT) and reconnect at once after an outage, so that
     * bucket is large; logins and registrations have their own, much smaller ones.
     */
    public static RateLimits defaults() {
        return new RateLimits(
                new Rule(5, 5),
                new Rule(20, 20),
                new Rule(10, 2),
                new Rule(600, 12_000),
                new Rule(10_000, 120_000),
                new Rule(100, 1_800),
                new Rule(10, 60),
                new Rule(5, 5),
                new Rule(1_000, 20_000),
                new Rule(30, 30));
    }

    /** The defaults, each overridable by a property {@code chapar.limit.NAME=BURST/PER_MINUTE}. */
    public static RateLimits fromSystemProperties() {
        return defaults()
                .edit(
                        b -> {
                            b.loginPerUsername = property("loginPerUsername", b.loginPerUsername);
                            b.loginPerAddress = property("loginPerAddress", b.loginPerAddress);
                            b.registerPerAddress =
                                    property("registerPerAddress", b.registerPerAddress);
                            b.requestsPerSession =
                                    property("requestsPerSession", b.requestsPerSession);
                            b.requestsBeforeLogin =
                                    property("requestsBeforeLogin", b.requestsBeforeLogin);
                            b.sendsPerUser = property("sendsPerUser", b.sendsPerUser);
                            b.typingPerUser = property("typingPerUser", b.typingPerUser);
                            b.loginPerDevice = property("loginPerDevice", b.loginPerDevice);
                            b.requestsPerUser = property("requestsPerUser", b.requestsPerUser);
                            b.searchesPerUser = property("searchesPerUser", b.searchesPerUser);
                        });
    }

    private static Rule property(String name, Rule fallback) {
        return Rule.parse(System.getProperty("chapar.limit." + name), fallback);
    }

    /** Limits so high that nothing is limited: for load tests that measure something else. */
    public static RateLimits unlimited() {
        Rule none = new Rule(Integer.MAX_VALUE / 2, 1e12);
        return new RateLimits(none, none, none, none, none, none, none, none, none, none);
    }

    public RateLimits withLoginPerUsername(Rule r) {
        return edit(b -> b.loginPerUsername = r);
    }

    public RateLimits withLoginPerAddress(Rule r) {
        return edit(b -> b.loginPerAddress = r);
    }

    public RateLimits withRegisterPerAddress(Rule r) {
        return edit(b -> b.registerPerAddress = r);
    }

    public RateLimits withRequestsPerSession(Rule r) {
        return edit(b -> b.requestsPerSession = r);
    }

    public RateLimits withRequestsBeforeLogin(Rule r) {
        return edit(b -> b.requestsBeforeLogin = r);
    }

    public RateLimits withSendsPerUser(Rule r) {
        return edit(b -> b.sendsPerUser = r);
    }

    public RateLimits withLoginPerDevice(Rule r) {
        return edit(b -> b.loginPerDevice = r);
    }

    public RateLimits withRequestsPerUser(Rule r) {
        return edit(b -> b.requestsPerUser = r);
    }

    public RateLimits withSearchesPerUser(Rule r) {
        return edit(b -> b.searchesPerUser = r);
    }

    private RateLimits edit(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy, so that each wither names only the limit it changes. */
    private static final class Builder {
        Rule loginPerUsername;
        Rule loginPerAddress;
        Rule registerPerAddress;
        Rule requestsPerSession;
        Rule requestsBeforeLogin;
        Rule sendsPerUser;
        Rule typingPerUser;
        Rule loginPerDevice;
        Rule requestsPerUser;
        Rule searchesPerUser;

        Builder(RateLimits l) {
            loginPerUsername = l.loginPerUsername;
            loginPerAddress = l.loginPerAddress;
            registerPerAddress = l.registerPerAddress;
            requestsPerSession = l.requestsPerSession;
            requestsBeforeLogin = l.requestsBeforeLogin;
            sendsPerUser = l.sendsPerUser;
            typingPerUser = l.typingPerUser;
            loginPerDevice = l.loginPerDevice;
            requestsPerUser = l.requestsPerUser;
            searchesPerUser = l.searchesPerUser;
        }

        RateLimits build() {
            return new RateLimits(
                    loginPerUsername,
                    loginPerAddress,
                    registerPerAddress,
                    requestsPerSession,
                    requestsBeforeLogin,
                    sendsPerUser,
                    typingPerUser,
                    loginPerDevice,
                    requestsPerUser,
                    searchesPerUser);
        }
    }
}
