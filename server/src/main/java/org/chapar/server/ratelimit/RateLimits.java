package org.chapar.server.ratelimit;

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
        RateLimits d = defaults();
        return new RateLimits(
                Rule.parse(
                        System.getProperty("chapar.limit.loginPerUsername"), d.loginPerUsername()),
                Rule.parse(System.getProperty("chapar.limit.loginPerAddress"), d.loginPerAddress()),
                Rule.parse(
                        System.getProperty("chapar.limit.registerPerAddress"),
                        d.registerPerAddress()),
                Rule.parse(
                        System.getProperty("chapar.limit.requestsPerSession"),
                        d.requestsPerSession()),
                Rule.parse(
                        System.getProperty("chapar.limit.requestsBeforeLogin"),
                        d.requestsBeforeLogin()),
                Rule.parse(System.getProperty("chapar.limit.sendsPerUser"), d.sendsPerUser()),
                Rule.parse(System.getProperty("chapar.limit.typingPerUser"), d.typingPerUser()),
                Rule.parse(System.getProperty("chapar.limit.loginPerDevice"), d.loginPerDevice()),
                Rule.parse(System.getProperty("chapar.limit.requestsPerUser"), d.requestsPerUser()),
                Rule.parse(
                        System.getProperty("chapar.limit.searchesPerUser"), d.searchesPerUser()));
    }

    /** Limits so high that nothing is limited: for load tests that measure something else. */
    public static RateLimits unlimited() {
        Rule none = new Rule(Integer.MAX_VALUE / 2, 1e12);
        return new RateLimits(none, none, none, none, none, none, none, none, none, none);
    }

    public RateLimits withRegisterPerAddress(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                r,
                requestsPerSession,
                requestsBeforeLogin,
                sendsPerUser,
                typingPerUser,
                loginPerDevice,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withSendsPerUser(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                registerPerAddress,
                requestsPerSession,
                requestsBeforeLogin,
                r,
                typingPerUser,
                loginPerDevice,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withLoginPerUsername(Rule r) {
        return new RateLimits(
                r,
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

    public RateLimits withLoginPerAddress(Rule r) {
        return new RateLimits(
                loginPerUsername,
                r,
                registerPerAddress,
                requestsPerSession,
                requestsBeforeLogin,
                sendsPerUser,
                typingPerUser,
                loginPerDevice,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withRequestsBeforeLogin(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                registerPerAddress,
                requestsPerSession,
                r,
                sendsPerUser,
                typingPerUser,
                loginPerDevice,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withLoginPerDevice(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                registerPerAddress,
                requestsPerSession,
                requestsBeforeLogin,
                sendsPerUser,
                typingPerUser,
                r,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withRequestsPerSession(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                registerPerAddress,
                r,
                requestsBeforeLogin,
                sendsPerUser,
                typingPerUser,
                loginPerDevice,
                requestsPerUser,
                searchesPerUser);
    }

    public RateLimits withRequestsPerUser(Rule r) {
        return new RateLimits(
                loginPerUsername,
                loginPerAddress,
                registerPerAddress,
                requestsPerSession,
                requestsBeforeLogin,
                sendsPerUser,
                typingPerUser,
                loginPerDevice,
                r,
                searchesPerUser);
    }

    public RateLimits withSearchesPerUser(Rule r) {
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
                r);
    }
}
