package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.Peers;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A server on PostgreSQL that loses its database for 10 s (a TCP proxy this test owns between them
 * is cut; the shared PostgreSQL itself is never touched): while it is away every send fails with
 * STORE_UNAVAILABLE and a retry_after, /health says the store cannot write; once it is back the
 * same server process writes again by itself. Every acknowledged message is stored exactly once,
 * nothing refused is stored, and a send whose commit was cut mid-way ("may have applied") is stored
 * at most once.
 */
class PostgresOutageIT {
    @TempDir Path temp;

    @Test
    void writesFailRetryablyWhileTheDatabaseIsAwayAndResumeWithoutARestart() throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TcpProxy proxy =
                        TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT)) {
            ServerProcess server =
                    ServerProcess.options()
                            .jvm("-Dchapar.store=" + db.url(proxy.port()))
                            .start(temp.resolve("data"), 0);
            try {
                ChaparClient bob = Ledger.connect(server.uri(), clients);
                User bobUser = bob.register("pg_bob", "password-bob", null, "t").join().getUser();
                ChaparClient alice = Ledger.connect(server.uri(), clients);
                alice.register("pg_alice", "password-alice", null, "t").join();
                Sends sends = new Sends(alice, Peers.user(bobUser));
                assertThat(sends.round(20)).as("refused before the outage").isZero();

                proxy.cut();
                long cutAt = System.nanoTime();
                int refused = 0;
                while (System.nanoTime() - cutAt < TimeUnit.SECONDS.toNanos(10)) {
                    refused += sends.round(5);
                }
                assertThat(refused).as("sends refused while the database is away").isPositive();
                assertThat(sends.retryAfter).as("refusals say when to retry").isPositive();
                Health away = Health.of(server.port());
                assertThat(away.status()).isEqualTo(503);
                assertThat(away.body()).contains("cannot write");

                proxy.restore();
                assertThat(Health.awaitOk(server.port(), Duration.ofSeconds(30)).status())
                        .as("healthy again once the database is back")
                        .isEqualTo(200);
                int refusedBefore = sends.refused.size();
                for (int i = 0; i < 5; i++) {
                    assertThat(sends.round(20)).as("refused after the database came back").isZero();
                }
                assertThat(sends.refused).hasSize(refusedBefore);

                sends.assertStored(Ledger.history(bob));
            } finally {
                clients.forEach(ChaparClient::close);
                server.close();
            }
        }
    }

    /** Alice's sends to bob and what became of each. */
    private static final class Sends {
        private final ChaparClient alice;
        private final Peer toBob;
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final Set<String> unknown = ConcurrentHashMap.newKeySet();
        long retryAfter;
        private int next;

        Sends(ChaparClient alice, Peer toBob) {
            this.alice = alice;
            this.toBob = toBob;
        }

        int round(int n) throws Exception {
            Map<String, CompletableFuture<?>> sent = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String text = "pg-" + next++;
                sent.put(text, alice.sendMessage(toBob, text));
            }
            int refusedNow = 0;
            for (var s : sent.entrySet()) {
                try {
                    s.getValue().get(60, TimeUnit.SECONDS);
                    acked.add(s.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ChaparException ce)) {
                        throw new AssertionError("a send failed without an answer", e);
                    }
                    if (ce.getCode() == ErrorCode.STORE_UNAVAILABLE) {
                        refused.add(s.getKey());
                        retryAfter = Math.max(retryAfter, ce.retryAfterMs());
                        refusedNow++;
                    } else if (ce.getCode() == ErrorCode.INTERNAL
                            && ce.getMessage().contains("may have been applied")) {
                        unknown.add(s.getKey());
                    } else {
                        throw new AssertionError("a send was neither acknowledged nor refused", e);
                    }
                }
            }
            return refusedNow;
        }

        void assertStored(List<Message> history) {
            Map<String, Integer> stored = new HashMap<>();
            for (Message m : history) {
                stored.merge(m.getText(), 1, Integer::sum);
            }
            assertThat(stored.keySet()).as("acknowledged messages stored").containsAll(acked);
            assertThat(stored.values()).as("no message stored twice").allMatch(c -> c == 1);
            assertThat(refused).as("refused messages stored").noneMatch(stored::containsKey);
        }
    }
}
