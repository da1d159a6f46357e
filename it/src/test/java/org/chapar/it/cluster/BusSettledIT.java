package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.nats.NatsBus;
import org.chapar.testkit.NatsProcess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * NatsBus.settled on the test's own nats-server: once it completes, a publish that another node
 * makes on its own connection reaches the new subscriptions, however soon after it comes. Without
 * it the publish can reach the server before the SUB and be lost (the login race of ADR 0017).
 */
class BusSettledIT {

    @Test
    void aPublishFromAnotherNodeRightAfterSettledReachesEveryNewSubscription() throws Exception {
        try (NatsProcess nats = NatsProcess.start();
                NatsBus a = NatsBus.connect(nats.url(), nats.prefix(), 1);
                NatsBus b = NatsBus.connect(nats.url(), nats.prefix(), 2)) {
            for (int round = 0; round < 50; round++) {
                List<CompletableFuture<byte[]>> heard = new ArrayList<>();
                List<CompletableFuture<Void>> settled = new ArrayList<>();
                for (int user = 0; user < 20; user++) {
                    CompletableFuture<byte[]> h = new CompletableFuture<>();
                    b.subscribe(Bus.facts(round * 100L + user), h::complete);
                    heard.add(h);
                    settled.add(b.settled()); // as 20 logins at once do: they share flushes
                }
                for (int user = 0; user < 20; user++) {
                    settled.get(user).get(10, TimeUnit.SECONDS);
                    a.publish(Bus.facts(round * 100L + user), new byte[] {(byte) user});
                }
                for (int user = 0; user < 20; user++) {
                    assertThat(heard.get(user).get(10, TimeUnit.SECONDS))
                            .as("round %d, user %d", round, user)
                            .containsExactly((byte) user);
                }
            }
        }
    }
}
