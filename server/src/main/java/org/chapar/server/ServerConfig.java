package org.chapar.server;

import org.chapar.server.account.PasswordHasher;
import org.chapar.server.bot.WebhookRules;
import org.chapar.server.gateway.ConnectionLimits;
import org.chapar.server.media.MediaLimits;
import org.chapar.server.presence.Heartbeats;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.server.tls.TlsSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything an operator can set. {@link #defaults()} is what `chapar server` runs with; JVM system
 * properties {@code chapar.*} override the hashing cost, the rate limits and the connection limits
 * for benchmarks and tests (see docs/operations.md).
 *
 * @param tooLongBound a common box further behind than this answers GetDifference with too_long
 * @param purgeInterval how often data past its retention (the admin log's 48 hours) is deleted
 * @param bus the NATS server of a cluster ({@code nats://host:port}), or empty for the in-process
 *     bus of a single node
 * @param store the PostgreSQL database of a cluster ({@code postgresql://user@host:port/db}), or
 *     empty for embedded SQLite in {@code dataDir}
 * @param busPrefix the first token of every bus subject: deployments (and tests) sharing one NATS
 *     server use different ones
 * @param tls where the certificate comes from; {@link TlsSource.Off} serves plain HTTP
 * @param insecureHttp plain HTTP on an address other than loopback was asked for explicitly
 * @param ocspStapling staple the CA's OCSP answer when the certificate names a responder (ADR 0025)
 * @param media upload sizes, stall time, upload limits per account, signed URL lifetime
 * @param redirectPort a plain port redirecting to HTTPS (-1: none)
 * @param heartbeats how often the nodes of a cluster say they are alive, and how many missed beats
 *     make a node dead (its users offline)
 * @param webhooks where bots' webhooks may point, and delivery's bounds (docs/adr/0021)
 * @param mediaDir the media directory every node of a cluster shares (docs/adr/0020), or empty for
 *     {@code dataDir/media}
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
        ConnectionLimits connectionLimits,
        Duration purgeInterval,
        String bus,
        String busPrefix,
        String store,
        Clock clock,
        TlsSource tls,
        boolean insecureHttp,
        boolean ocspStapling,
        MediaLimits media,
        int redirectPort,
        Heartbeats heartbeats,
        WebhookRules webhooks,
        Optional<Path> mediaDir) {

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
                ConnectionLimits.fromSystemProperties(),
                Duration.ofMinutes(5),
                System.getProperty("chapar.bus", ""),
                System.getProperty("chapar.busPrefix", "chapar"),
                System.getProperty("chapar.store", ""),
                Clock.systemUTC(),
                new TlsSource.Off(),
                false,
                true,
                MediaLimits.defaults(),
                -1,
                Heartbeats.fromSystemProperties(),
                WebhookRules.fromSystemProperties(),
                Optional.ofNullable(System.getProperty("chapar.mediaDir"))
                        .filter(d -> !d.isBlank())
                        .map(Path::of));
    }

    public ServerConfig withDataDir(Path dir) {
        return edit(b -> b.dataDir = dir);
    }

    public ServerConfig withHost(String h) {
        return edit(b -> b.host = h);
    }

    public ServerConfig withPort(int p) {
        return edit(b -> b.port = p);
    }

    public ServerConfig withPasswordHashing(PasswordHasher.Params params) {
        return edit(b -> b.passwordHashing = params);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return edit(b -> b.rateLimits = limits);
    }

    public ServerConfig withTooLongBound(int bound) {
        return edit(b -> b.tooLongBound = bound);
    }

    public ServerConfig withMaxFrameBytes(int bytes) {
        return edit(b -> b.maxFrameBytes = bytes);
    }

    public ServerConfig withConnectionLimits(ConnectionLimits limits) {
        return edit(b -> b.connectionLimits = limits);
    }

    public ServerConfig withPurgeInterval(Duration d) {
        return edit(b -> b.purgeInterval = d);
    }

    /** Nodes of a cluster: the NATS server ({@code nats://host:port}) and the subject prefix. */
    public ServerConfig withBus(String url, String prefix) {
        return edit(
                b -> {
                    b.bus = url;
                    b.busPrefix = prefix;
                });
    }

    /** A node of a cluster on PostgreSQL ({@code postgresql://…}); empty: embedded SQLite. */
    public ServerConfig withStore(String url) {
        return edit(b -> b.store = url);
    }

    public ServerConfig withMedia(MediaLimits limits) {
        return edit(b -> b.media = limits);
    }

    public ServerConfig withClock(Clock c) {
        return edit(b -> b.clock = c);
    }

    /** Where the certificate comes from (ADR 0018); plain HTTP by default. */
    public ServerConfig withTls(TlsSource source) {
        return edit(b -> b.tls = source);
    }

    /**
     * A plain-HTTP port (usually 80) that redirects every request to HTTPS; -1 for none, 0 for a
     * free one. Needs TLS.
     */
    public ServerConfig withRedirectPort(int p) {
        return edit(b -> b.redirectPort = p);
    }

    /** Allows plain HTTP on an address other than loopback (behind a TLS proxy). */
    public ServerConfig withInsecureHttp(boolean allowed) {
        return edit(b -> b.insecureHttp = allowed);
    }

    /** Whether OCSP answers are stapled when the certificate names a responder (on by default). */
    public ServerConfig withOcspStapling(boolean on) {
        return edit(b -> b.ocspStapling = on);
    }

    public ServerConfig withHeartbeats(Heartbeats h) {
        return edit(b -> b.heartbeats = h);
    }

    /** Where bots' webhooks may point (ADR 0021); by default any public host. */
    public ServerConfig withWebhooks(WebhookRules rules) {
        return edit(b -> b.webhooks = rules);
    }

    /** The media directory the nodes of a cluster share (ADR 0020); default {@code DATA/media}. */
    public ServerConfig withMediaDir(Path dir) {
        return edit(b -> b.mediaDir = Optional.of(dir));
    }

    /** Where media lives: the shared directory if one was given, else {@code dataDir/media}. */
    public Path mediaRoot() {
        return mediaDir.orElse(dataDir.resolve("media"));
    }

    /** A copy with some settings changed. */
    private ServerConfig edit(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The mutable form the withers go through, so each names only what it changes. */
    private static final class Builder {
        Path dataDir;
        String host;
        int port;
        int readers;
        boolean fullSync;
        PasswordHasher.Params passwordHashing;
        RateLimits rateLimits;
        int maxFrameBytes;
        int tooLongBound;
        int idleTimeoutSeconds;
        ConnectionLimits connectionLimits;
        Duration purgeInterval;
        String bus;
        String busPrefix;
        String store;
        MediaLimits media;
        Clock clock;
        TlsSource tls;
        boolean insecureHttp;
        boolean ocspStapling;
        int redirectPort;
        Heartbeats heartbeats;
        WebhookRules webhooks;
        Optional<Path> mediaDir;

        Builder(ServerConfig c) {
            dataDir = c.dataDir;
            host = c.host;
            port = c.port;
            readers = c.readers;
            fullSync = c.fullSync;
            passwordHashing = c.passwordHashing;
            rateLimits = c.rateLimits;
            maxFrameBytes = c.maxFrameBytes;
            tooLongBound = c.tooLongBound;
            idleTimeoutSeconds = c.idleTimeoutSeconds;
            connectionLimits = c.connectionLimits;
            purgeInterval = c.purgeInterval;
            bus = c.bus;
            busPrefix = c.busPrefix;
            store = c.store;
            media = c.media;
            clock = c.clock;
            tls = c.tls;
            insecureHttp = c.insecureHttp;
            ocspStapling = c.ocspStapling;
            redirectPort = c.redirectPort;
            heartbeats = c.heartbeats;
            webhooks = c.webhooks;
            mediaDir = c.mediaDir;
        }

        ServerConfig build() {
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
                    connectionLimits,
                    purgeInterval,
                    bus,
                    busPrefix,
                    store,
                    clock,
                    tls,
                    insecureHttp,
                    ocspStapling,
                    media,
                    redirectPort,
                    heartbeats,
                    webhooks,
                    mediaDir);
        }
    }
}
