package org.chapar.server;

import org.chapar.protocol.Limits;
import org.chapar.server.account.AccountHandlers;
import org.chapar.server.account.AccountService;
import org.chapar.server.account.PasswordHasher;
import org.chapar.server.account.UserAccess;
import org.chapar.server.account.UserViews;
import org.chapar.server.bot.BotModule;
import org.chapar.server.bot.BotService;
import org.chapar.server.bus.Bus;
import org.chapar.server.bus.BusStats;
import org.chapar.server.chat.AdminLogService;
import org.chapar.server.chat.ChannelSync;
import org.chapar.server.chat.ChatAdminService;
import org.chapar.server.chat.ChatConversations;
import org.chapar.server.chat.ChatHandlers;
import org.chapar.server.chat.ChatPosts;
import org.chapar.server.chat.ChatQueries;
import org.chapar.server.chat.ChatService;
import org.chapar.server.chat.InviteService;
import org.chapar.server.chat.Membership;
import org.chapar.server.core.Randoms;
import org.chapar.server.gateway.ConnectionHandlers;
import org.chapar.server.gateway.ConnectionRegistry;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.gateway.Gateway;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.gateway.Pages;
import org.chapar.server.gateway.WebClient;
import org.chapar.server.media.MediaFeature;
import org.chapar.server.message.Conversations;
import org.chapar.server.message.DialogQueries;
import org.chapar.server.message.MessageHandlers;
import org.chapar.server.ops.NodeHealth;
import org.chapar.server.ops.NodeMetrics;
import org.chapar.server.presence.OnlineView;
import org.chapar.server.presence.PresenceHandlers;
import org.chapar.server.presence.PresencePolicy;
import org.chapar.server.presence.PresenceService;
import org.chapar.server.privacy.PrivacyHandlers;
import org.chapar.server.privacy.PrivacyService;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.server.store.Store;
import org.chapar.server.store.postgres.PgUrl;
import org.chapar.server.sync.DifferencePaging;
import org.chapar.server.sync.SyncHandlers;
import org.chapar.server.sync.SyncService;
import org.chapar.server.sync.UpdatePublisher;
import org.chapar.server.sync.Writes;
import org.chapar.server.tls.Pins;
import org.chapar.server.tls.ServerCertificate;
import org.chapar.server.tls.ServerCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded composition root: SQLite storage, the in-process bus, every feature, one port. Each
 * feature is wired in a few lines from its service and handlers; nothing is found by reflection.
 */
public final class ChaparServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChaparServer.class);

    private final ServerConfig config;
    private final Store store;
    private final Bus bus;
    private final boolean ownsStore;
    private final boolean ownsBus;
    private final OnlineView online;
    private final ExecutorService hashing;
    private final ScheduledExecutorService purges;
    private final Gateway gateway;
    private final Optional<ServerCertificate> certificate;
    private final MediaFeature media;
    private final AutoCloseable webhooks;

    /**
     * A node on the given store and bus. Every node of a deployment shares them; only what a node
     * holds itself (its sockets, its subscriptions) is its own.
     */
    private ChaparServer(
            ServerConfig config,
            Store store,
            Bus bus,
            boolean ownsStore,
            boolean ownsBus,
            long node)
            throws InterruptedException {
        this.config = config;
        this.store = store;
        this.bus = bus;
        this.ownsStore = ownsStore;
        this.ownsBus = ownsBus;
        AtomicInteger n = new AtomicInteger();
        int cores = Runtime.getRuntime().availableProcessors();
        this.hashing =
                Executors.newFixedThreadPool(
                        cores,
                        r -> {
                            Thread t = new Thread(r, "password-hashing-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        var clock = config.clock();
        RateLimits limits = config.rateLimits();
        this.online = new OnlineView(bus, node, config.heartbeats(), clock);
        UpdatePublisher publisher = new UpdatePublisher(bus, clock);
        PresencePolicy presencePolicy = new PresencePolicy(online::isOnline);
        UserViews users = new UserViews(presencePolicy, UserAccess.open(store));
        Dispatcher dispatcher = new Dispatcher();

        new ConnectionHandlers(
                        Limits.newBuilder()
                                .setMaxFrameBytes(config.maxFrameBytes())
                                .setMaxMessageLength(4096)
                                .setMaxHistoryPage(100)
                                .setMaxDifferencePage(DifferencePaging.MAX_PAGE)
                                .build())
                .register(dispatcher);

        AccountService accounts =
                new AccountService(
                        store,
                        new PasswordHasher(config.passwordHashing()),
                        hashing,
                        32 * cores,
                        clock,
                        limits);
        new AccountHandlers(
                        accounts,
                        store,
                        users,
                        publisher,
                        new RateLimiter(limits.searchesPerUser(), clock))
                .register(dispatcher);

        this.media =
                new MediaFeature(
                        store,
                        accounts,
                        config.mediaRoot(),
                        config.mediaDir().isPresent(),
                        config.media(),
                        clock);
        RateLimiter sends = new RateLimiter(limits.sendsPerUser(), clock);
        Writes writes = new Writes(store, clock, users, publisher);
        ChatPosts posts = new ChatPosts();
        AdminLogService adminLog = new AdminLogService(store, clock);
        ChatQueries chatQueries = new ChatQueries(store, clock, users);
        Membership membership = new Membership(posts, publisher, users);
        ChatConversations chatMessages =
                new ChatConversations(posts, adminLog, store, clock, users);
        Conversations conversations =
                new Conversations(writes, store, sends, users, chatMessages, media.attachments());
        new MessageHandlers(conversations, new DialogQueries(store, users)).register(dispatcher);
        ChatService chatService =
                new ChatService(
                        store, clock, writes, membership, chatQueries, posts, publisher, users);
        ChatAdminService chatAdmin =
                new ChatAdminService(
                        store,
                        clock,
                        writes,
                        membership,
                        chatQueries,
                        posts,
                        adminLog,
                        publisher,
                        users);
        InviteService invites =
                new InviteService(store, clock, writes, membership, chatQueries, adminLog, users);
        new ChatHandlers(
                        chatService,
                        chatQueries,
                        chatAdmin,
                        invites,
                        chatMessages,
                        new ChannelSync(store, clock, users, adminLog, config.tooLongBound()))
                .register(dispatcher);
        this.purges = RetentionPurges.schedule(adminLog, config.purgeInterval());

        SyncService sync = new SyncService(store, users, config.tooLongBound(), clock);
        new SyncHandlers(sync).register(dispatcher);

        PresenceService presence =
                new PresenceService(
                        store,
                        online,
                        presencePolicy,
                        publisher,
                        new RateLimiter(limits.typingPerUser(), clock),
                        chatQueries::typingAudience);
        new PresenceHandlers(presence).register(dispatcher);
        online.startBeating();
        new PrivacyHandlers(new PrivacyService(store)).register(dispatcher);
        BotService bots = new BotService(store, clock, users);

        ConnectionRegistry registry =
                new ConnectionRegistry(bus, node, chatQueries::liveChats, accounts::alive);
        HttpRoutes routes = new HttpRoutes();
        WebClient.register(routes);
        routes.webSocket("/ws");
        this.certificate =
                ServerCertificates.open(
                        config.tls(),
                        config.dataDir(),
                        config.host(),
                        clock,
                        config.ocspStapling());
        new Pages(
                        new NodeHealth(
                                store,
                                bus,
                                !config.bus().isEmpty(),
                                this::admission,
                                this::certificateProblem))
                .register(routes);
        new NodeMetrics(
                        store,
                        bus,
                        dispatcher,
                        new NodeMetrics.Connections(
                                registry::connections, registry::connectedUsers, registry::pushed),
                        this::admission,
                        online::liveNodes)
                .register(routes);
        media.register(routes);
        media.register(dispatcher);
        this.webhooks =
                BotModule.register(
                        new BotModule.Services(
                                store,
                                clock,
                                bus,
                                bots,
                                conversations,
                                chatQueries,
                                presence,
                                sync,
                                writes,
                                chatService,
                                chatAdmin,
                                invites,
                                node,
                                config.webhooks(),
                                media.transfers()),
                        routes,
                        dispatcher);

        this.gateway =
                new Gateway(
                        config.host(),
                        config.port(),
                        dispatcher,
                        registry,
                        new RateLimiter(limits.requestsPerSession(), clock),
                        new RateLimiter(limits.requestsPerUser(), clock),
                        new RateLimiter(limits.requestsBeforeLogin(), clock),
                        config.maxFrameBytes(),
                        config.idleTimeoutSeconds(),
                        config.connectionLimits(),
                        clock,
                        routes,
                        certificate,
                        config.redirectPort());
    }

    /** A certificate that failed to reload or renew: the old one still serves, for now. */
    private Optional<String> certificateProblem() {
        return certificate.flatMap(ServerCertificate::problem);
    }

    /** Opens the store (migrating it), wires every feature and starts listening. */
    public static ChaparServer start(ServerConfig config) {
        ServerCertificates.checkPlainAllowed(config.host(), config.tls(), config.insecureHttp());
        ServerCertificates.checkPlainPort(config.tls(), config.redirectPort());
        try {
            long node = Randoms.positiveId();
            Bus bus = NodeAdapters.openBus(config, node);
            Store store;
            try {
                store = NodeAdapters.openStore(config);
            } catch (RuntimeException e) {
                bus.close();
                throw e;
            }
            ChaparServer server;
            try {
                server = new ChaparServer(config, store, bus, true, true, node);
            } catch (RuntimeException e) {
                store.close();
                bus.close();
                throw e;
            }
            log.info(
                    "Chapar listening on {}://{}:{} (store {}, bus {})",
                    server.scheme(),
                    config.host(),
                    server.port(),
                    config.store().isEmpty() ? config.dataDir() : PgUrl.parse(config.store()),
                    config.bus().isEmpty() ? "in-process" : config.bus());
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /**
     * Starts a second node in this process on this node's store, listening on a free port: what
     * crosses between nodes can then be tested in one JVM. On the in-process bus it shares this
     * node's bus; on NATS it opens its own connection, as a node in another process would. Closing
     * it leaves the store (and a shared bus) to this node.
     */
    public ChaparServer startPeer() {
        long peer = Randoms.positiveId();
        boolean ownBus = !config.bus().isEmpty();
        Bus peerBus = ownBus ? NodeAdapters.openBus(config, peer) : bus;
        try {
            return new ChaparServer(config.withPort(0), store, peerBus, false, ownBus, peer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** https or http, as the port speaks. */
    public String scheme() {
        return certificate.isPresent() ? "https" : "http";
    }

    /** The pin of the certificate served ({@code sha256/...}), if the port speaks TLS. */
    public Optional<String> pin() {
        return certificate.map(c -> Pins.of(c.credentials().leaf()));
    }

    /** The plain port redirecting to HTTPS, if the config asked for one. */
    public Optional<Integer> redirectPort() {
        return gateway.redirectPort();
    }

    private Gateway.AdmissionState admission() {
        return gateway.admission();
    }

    /** The port actually bound (useful when the config asked for port 0). */
    public int port() {
        return gateway.port();
    }

    /** What this node's bus did so far (shared with its peers on the in-process bus). */
    public BusStats busStats() {
        return bus.stats();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Closes the server when the JVM is told to stop (SIGTERM, Ctrl-C), then ends the process with
     * status 0: a stop that was asked for is a clean exit, which service managers expect. (After
     * SIGTERM the JVM would exit 143.) Status 1 if closing failed.
     */
    public void closeOnShutdown() {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    int status = 0;
                                    try {
                                        close();
                                        log.info("Chapar stopped");
                                    } catch (RuntimeException e) {
                                        log.error("stopping failed", e);
                                        status = 1;
                                    }
                                    System.out.flush();
                                    System.err.flush();
                                    Runtime.getRuntime().halt(status);
                                },
                                "chapar-stop"));
    }

    /** Stops accepting, drains the write queue (every accepted write is committed) and closes. */
    @Override
    public void close() {
        gateway.close();
        certificate.ifPresent(ServerCertificate::close);
        media.close();
        closeWebhooks();
        purges.shutdown(); // cancels the schedule
        online.close();
        awaitTermination(purges); // a run under way has queued its write before the store closes
        if (ownsStore) {
            store.close();
        }
        if (ownsBus) {
            bus.close();
        }
        hashing.shutdown();
        awaitTermination(hashing);
    }

    /** Stops the webhook senders and hands their webhooks back while the store is still open. */
    private void closeWebhooks() {
        try {
            webhooks.close();
        } catch (Exception e) {
            log.warn("stopping the webhook senders failed", e);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
