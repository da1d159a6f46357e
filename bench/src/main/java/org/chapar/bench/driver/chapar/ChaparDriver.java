package org.chapar.bench.driver.chapar;

import io.netty.handler.ssl.SslContext;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Driver;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.SetPrivacy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives a Chapar server at {@code ws://host:port/ws}. Accounts are registered once per run, each
 * on its own short connection (Register logs that connection in), a bounded number at a time,
 * honouring FLOOD_WAIT; later connections resume with the token.
 */
public final class ChaparDriver implements Driver {
    private static final Logger log = LoggerFactory.getLogger(ChaparDriver.class);
    public static final String PASSWORD = "bench-password-1";

    private final LoadGenerator generator;
    private final List<URI> nodes;
    private final AtomicInteger nextNode = new AtomicInteger();
    private final int registerParallelism;
    private final LongAdder gaps = new LongAdder();
    private int differencePage = 1000;

    private final Optional<SslContext> tls;

    public ChaparDriver(LoadGenerator generator, URI ws, int registerParallelism) {
        this(generator, ws, registerParallelism, Optional.empty());
    }

    /** {@code tls}: for a wss:// server, the client context that verifies its certificate. */
    public ChaparDriver(
            LoadGenerator generator, URI ws, int registerParallelism, Optional<SslContext> tls) {
        this(generator, List.of(ws), registerParallelism, tls);
    }

    /**
     * A driver for a cluster: each new connection (registering or logging in) goes to the next of
     * {@code nodes}, round robin, as a load balancer would spread them.
     */
    public ChaparDriver(
            LoadGenerator generator,
            List<URI> nodes,
            int registerParallelism,
            Optional<SslContext> tls) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("no server address");
        this.generator = generator;
        this.nodes = List.copyOf(nodes);
        this.registerParallelism = registerParallelism;
        this.tls = tls;
    }

    /** TLS set-ups in flight at once (see {@link HandshakeThrottle}); plain ones are not held. */
    private final HandshakeThrottle throttle = new HandshakeThrottle(64);

    private CompletableFuture<ChaparConnection> connect(
            java.util.function.Consumer<ServerFrame> pushes, int loop) {
        URI ws = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
        return tls.isEmpty()
                ? ChaparConnection.open(generator, ws, tls, pushes, loop)
                : throttle.run(() -> ChaparConnection.open(generator, ws, tls, pushes, loop));
    }

    public ChaparDriver differencePage(int limit) {
        this.differencePage = limit;
        return this;
    }

    /** Groups of 200 at most, fanned out into the members' common boxes (scenario 3). */
    @Override
    public Groups groups() {
        return new ChaparGroups(ChatKind.GROUP);
    }

    /**
     * Shared chats of any kind: SUPERGROUP for scenario 3 at larger sizes, CHANNEL for scenario 4.
     */
    public ChaparGroups groups(ChatKind kind) {
        return new ChaparGroups(kind);
    }

    /** Gaps in pts seen by all clients (each one triggered a GetDifference). */
    public long gaps() {
        return gaps.sum();
    }

    @Override
    public List<Account> provision(String prefix, int count) throws Exception {
        Semaphore permits = new Semaphore(registerParallelism);
        List<CompletableFuture<Account>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            CompletableFuture<Account> one = register(prefix + i, 0);
            one.whenComplete((a, e) -> permits.release());
            all.add(one);
        }
        List<Account> accounts = new ArrayList<>(count);
        for (CompletableFuture<Account> f : all) accounts.add(f.get(5, TimeUnit.MINUTES));
        return accounts;
    }

    private CompletableFuture<Account> register(String username, int attempt) {
        Register.Builder register =
                Register.newBuilder()
                        .setUsername(username)
                        .setPassword(PASSWORD)
                        .setDevice("bench");
        return connect(f -> {}, LoadGenerator.ANY_LOOP)
                .thenCompose(
                        conn ->
                                conn.request(ClientFrame.newBuilder().setRegister(register))
                                        .thenCompose(f -> f.hasError() ? done(f) : consent(conn, f))
                                        .whenComplete((f, e) -> conn.close()))
                .thenCompose(
                        f -> {
                            if (f.hasError()
                                    && f.getError().getCode() == ErrorCode.FLOOD_WAIT
                                    && attempt < 20) {
                                long wait = Math.max(100, f.getError().getRetryAfterMs());
                                log.debug("register {}: flood wait {} ms", username, wait);
                                return CompletableFuture.supplyAsync(
                                                () -> null,
                                                CompletableFuture.delayedExecutor(
                                                        wait, TimeUnit.MILLISECONDS))
                                        .thenCompose(x -> register(username, attempt + 1));
                            }
                            var auth = ChaparClient.orThrow(f).getAuthorization();
                            return CompletableFuture.completedFuture(
                                    new Account(
                                            username,
                                            PASSWORD,
                                            auth.getUser().getId(),
                                            auth.getUser().getAccessHash(),
                                            auth.getToken()));
                        });
    }

    /**
     * Bench users may be added to groups by anyone (a real account's default lets only people it
     * has written to): the scenarios build their groups with CreateChat.member_ids.
     */
    private static CompletableFuture<ServerFrame> consent(ChaparConnection conn, ServerFrame f) {
        return conn.request(
                        ClientFrame.newBuilder()
                                .setSetPrivacy(
                                        SetPrivacy.newBuilder()
                                                .setGroupInvites(PrivacyAudience.EVERYBODY)))
                .thenApply(x -> f);
    }

    private static CompletableFuture<ServerFrame> done(ServerFrame f) {
        return CompletableFuture.completedFuture(f);
    }

    @Override
    public CompletableFuture<BenchClient> connect(Account account, Inbox inbox, int loop) {
        return connectClient(account, inbox, loop).thenApply(c -> c);
    }

    /**
     * Opens and authenticates a client without touching its pts; the caller decides between {@link
     * ChaparClient#adoptState()} (fresh) and {@link ChaparClient#syncFrom(long)} (resume).
     */
    public CompletableFuture<ChaparClient> open(Account account, Inbox inbox) {
        return open(account, inbox, LoadGenerator.ANY_LOOP);
    }

    private CompletableFuture<ChaparClient> open(Account account, Inbox inbox, int loop) {
        ChaparClient client = new ChaparClient(account, inbox, differencePage, gaps);
        return connect(client::onPush, loop)
                .thenCompose(
                        conn -> {
                            client.attach(conn);
                            return client.call(
                                    ClientFrame.newBuilder()
                                            .setAuthenticate(
                                                    Authenticate.newBuilder()
                                                            .setToken(account.token())));
                        })
                .thenApply(f -> client);
    }

    /** Opens, authenticates and adopts the current state: a fresh online client. */
    public CompletableFuture<ChaparClient> connectClient(Account account, Inbox inbox) {
        return connectClient(account, inbox, LoadGenerator.ANY_LOOP);
    }

    private CompletableFuture<ChaparClient> connectClient(Account account, Inbox inbox, int loop) {
        return retryFloodWait(
                () ->
                        open(account, inbox, loop)
                                .thenCompose(
                                        c ->
                                                c.adoptState()
                                                        .whenComplete(
                                                                (p, e) -> {
                                                                    if (e != null) c.close();
                                                                })
                                                        .thenApply(p -> c)),
                0);
    }

    /** Runs the attempt again after the server's retry-after when it answers FLOOD_WAIT. */
    static <T> CompletableFuture<T> retryFloodWait(
            java.util.function.Supplier<CompletableFuture<T>> attempt, int tries) {
        return attempt.get()
                .handle(
                        (v, e) -> {
                            Throwable cause = e == null ? null : unwrap(e);
                            if (cause instanceof ChaparException ce
                                    && ce.code() == ErrorCode.FLOOD_WAIT
                                    && tries < 20) {
                                log.debug("flood wait {} ms", ce.retryAfterMs());
                                return CompletableFuture.supplyAsync(
                                                () -> 0,
                                                CompletableFuture.delayedExecutor(
                                                        Math.max(50, ce.retryAfterMs()),
                                                        TimeUnit.MILLISECONDS))
                                        .thenCompose(x -> retryFloodWait(attempt, tries + 1));
                            }
                            return e == null
                                    ? CompletableFuture.completedFuture(v)
                                    : CompletableFuture.<T>failedFuture(cause);
                        })
                .thenCompose(f -> f);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
