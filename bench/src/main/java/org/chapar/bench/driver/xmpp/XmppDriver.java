package org.chapar.bench.driver.xmpp;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Driver;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.load.LoadGenerator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drives an XMPP server. Accounts are created through ejabberd's HTTP admin API ({@code POST
 * /api/register}, allowed from loopback only in the generated configuration), not by in-band
 * registration, so account creation is neither rate limited nor part of the run.
 */
public final class XmppDriver implements Driver {
    public static final String PASSWORD = "bench-password-1";

    private final LoadGenerator generator;
    private final InetSocketAddress c2s;
    private final String domain;
    private final URI api;
    private final String mucService;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /**
     * @param api the base of ejabberd's mod_http_api, e.g. http://127.0.0.1:5281/api/
     */
    public XmppDriver(LoadGenerator generator, InetSocketAddress c2s, String domain, URI api) {
        this.generator = generator;
        this.c2s = c2s;
        this.domain = domain;
        this.api = api;
        this.mucService = "conference." + domain;
    }

    @Override
    public List<Account> provision(String prefix, int count) throws Exception {
        Semaphore permits = new Semaphore(32);
        List<CompletableFuture<Account>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = prefix + i;
            permits.acquire();
            CompletableFuture<Account> one = register(user, 0);
            one.whenComplete((a, e) -> permits.release());
            all.add(one);
        }
        List<Account> accounts = new ArrayList<>(count);
        for (CompletableFuture<Account> f : all) accounts.add(f.get(5, TimeUnit.MINUTES));
        return accounts;
    }

    /** One account; a reset connection (ejabberd closes idle keep-alive ones) is retried. */
    private CompletableFuture<Account> register(String user, int attempt) {
        String body =
                "{\"user\":\""
                        + user
                        + "\",\"host\":\""
                        + domain
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\"}";
        return http.sendAsync(
                        HttpRequest.newBuilder(api.resolve("register"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .handle(
                        (r, e) -> {
                            if (e != null) {
                                if (attempt >= 5)
                                    throw new IllegalStateException(
                                            "register " + user + ": " + e, e);
                                return CompletableFuture.supplyAsync(
                                                () -> 0,
                                                CompletableFuture.delayedExecutor(
                                                        200L << attempt, TimeUnit.MILLISECONDS))
                                        .thenCompose(x -> register(user, attempt + 1));
                            }
                            if (r.statusCode() != 200 && !r.body().contains("already registered")) {
                                throw new IllegalStateException(
                                        "register "
                                                + user
                                                + ": HTTP "
                                                + r.statusCode()
                                                + " "
                                                + r.body());
                            }
                            return CompletableFuture.completedFuture(
                                    new Account(user, PASSWORD, 0, 0, null));
                        })
                .thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<BenchClient> connect(Account account, Inbox inbox, int loop) {
        return XmppClient.open(generator, c2s, domain, account, inbox, loop);
    }

    @Override
    public Groups groups() {
        return new MucGroups(mucService);
    }
}
