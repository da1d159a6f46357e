package org.chapar.testkit;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparClient;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real server on a free loopback port with a fresh data directory, for one test class:
 *
 * <pre>{@code
 * @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();
 * TestUser alice = server.newUser("alice");
 * }</pre>
 *
 * Clients made through it are closed after each test; the server after the class.
 */
public final class ChaparServerExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private static final AtomicInteger USERS = new AtomicInteger();

    private final UnaryOperator<ServerConfig> customize;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dataDir;
    private ChaparServer server;
    private int port;

    private ChaparServerExtension(UnaryOperator<ServerConfig> customize) {
        this.customize = customize;
    }

    public static ChaparServerExtension create() {
        return new ChaparServerExtension(UnaryOperator.identity());
    }

    /** A server whose test configuration is changed first, e.g. stricter rate limits. */
    public static ChaparServerExtension create(UnaryOperator<ServerConfig> customize) {
        return new ChaparServerExtension(customize);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("chapar-test-");
        server = ChaparServer.start(customize.apply(TestConfigs.forTests(dataDir)));
        port = server.port();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeClients();
        if (server != null) {
            server.close();
        }
        deleteTree(dataDir);
    }

    public ChaparServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** The WebSocket endpoint. */
    public URI uri() {
        return uri(server);
    }

    /** The WebSocket endpoint of a node, this server or one of its {@link #startPeer peers}. */
    public static URI uri(ChaparServer node) {
        return URI.create(
                (node.scheme().equals("https") ? "wss" : "ws")
                        + "://127.0.0.1:"
                        + node.port()
                        + "/ws");
    }

    /**
     * A second node on this server's store and bus, closed after the test: what one node decides,
     * the other must act on ({@link ChaparServer#startPeer}). It learns who is online only from
     * connections made after it started.
     */
    public ChaparServer startPeer() {
        return track(server.startPeer());
    }

    /** {@code path} on this server, https:// when it speaks TLS. */
    public URI httpUri(String path) {
        return URI.create(server.scheme() + "://127.0.0.1:" + port + path);
    }

    /** Stops the server cleanly and starts it again on the same port and data. */
    public void restart() {
        server.close();
        server = ChaparServer.start(customize.apply(TestConfigs.forTests(dataDir)).withPort(port));
    }

    /** A client that is not connected yet, closed after the test. */
    public ChaparClient client(SyncStateStore store) {
        return client(uri(), store);
    }

    private ChaparClient client(URI at, SyncStateStore store) {
        // a restarted server is found again within a second however long it was away
        ChaparClient.Builder b =
                ChaparClient.builder(at)
                        .stateStore(store)
                        .clientName("testkit")
                        .maxReconnectBackoff(Duration.ofSeconds(1));
        server.pin().ifPresent(b::pin); // over TLS the test trusts the key it was given
        ChaparClient c = b.build();
        track(c);
        return c;
    }

    public ChaparClient client() {
        return client(SyncStateStore.inMemory());
    }

    /**
     * Registers a new user (a unique name starting with {@code prefix}) and connects its client.
     * Unlike a real account, it lets everybody add it to chats (group_invites EVERYBODY), so that
     * tests of other features can build groups freely; its other privacy settings are the defaults.
     * Tests of the consent rule use {@link #newUserWithDefaultPrivacy}.
     */
    public TestUser newUser(String prefix) {
        return newUser(prefix, SyncStateStore.inMemory());
    }

    public TestUser newUser(String prefix, SyncStateStore store) {
        TestUser u = newUserWithDefaultPrivacy(prefix, store);
        u.client()
                .setPrivacy(PrivacyAudience.PRIVACY_AUDIENCE_UNSPECIFIED, PrivacyAudience.EVERYBODY)
                .join();
        return u;
    }

    /** A new user with every privacy setting as a real account starts with. */
    public TestUser newUserWithDefaultPrivacy(String prefix) {
        return newUserWithDefaultPrivacy(prefix, SyncStateStore.inMemory());
    }

    private TestUser newUserWithDefaultPrivacy(String prefix, SyncStateStore store) {
        String username = (prefix + "_" + USERS.incrementAndGet()).toLowerCase();
        String password = "password-" + username;
        ChaparClient c = client(store);
        UpdateRecorder recorder = new UpdateRecorder();
        c.addUpdateListener(recorder);
        c.connect().join();
        Authorization auth = c.register(username, password, prefix, "test").join();
        return new TestUser(c, auth.getUser(), username, password, auth.getToken(), recorder);
    }

    /**
     * A new bot owned by {@code owner} (a unique username starting with {@code prefix} and ending
     * in "bot"), with a Bot API client holding its token.
     */
    public TestBot newBot(TestUser owner, String prefix) {
        String username = (prefix + "_" + USERS.incrementAndGet() + "_bot").toLowerCase();
        var t = new BotRequests(owner.client()).createBot(username, prefix).join();
        return new TestBot(
                t.getBot(), t.getToken(), owner, new BotHttp(httpUri("/"), t.getToken()));
    }

    /** The user's private chat with @BotFather, the server's bot that manages bots. */
    public BotFatherChat botFather(TestUser user) {
        return new BotFatherChat(user);
    }

    /** A second device of an existing user: a new client logged in with the same password. */
    public TestUser newDevice(TestUser user) {
        return newDevice(user, server);
    }

    /** A new device of the user logged in on the given node. */
    public TestUser newDevice(TestUser user, ChaparServer node) {
        ChaparClient c = client(uri(node), SyncStateStore.inMemory());
        UpdateRecorder recorder = new UpdateRecorder();
        c.addUpdateListener(recorder);
        c.connect().join();
        Authorization auth = c.login(user.username(), user.password(), "second device").join();
        return new TestUser(
                c, auth.getUser(), user.username(), user.password(), auth.getToken(), recorder);
    }

    /** Closes this client with the other test clients. */
    public <T extends AutoCloseable> T track(T closeable) {
        synchronized (clients) {
            clients.add(closeable);
        }
        return closeable;
    }

    private void closeClients() {
        List<AutoCloseable> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a client that fails to close does not fail the next test
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
