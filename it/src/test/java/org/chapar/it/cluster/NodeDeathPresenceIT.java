package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.protocol.UserStatus;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node killed with SIGKILL publishes no offline fact: its users go offline on the other nodes
 * when its heartbeat has been silent past the timeout, and a contact on another node is told once,
 * with the time of the last heartbeat as last seen (ADR 0022).
 */
class NodeDeathPresenceIT {
    private static final long BEAT_MS = 1_000;
    private static final int MISSED = 4;

    @TempDir Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKilledNodesUserGoesOfflineForAContactOnAnotherNodeOnceWithALastSeen() throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        List<ServerProcess> nodes = new ArrayList<>();
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                NatsProcess nats = NatsProcess.start()) {
            nodes.addAll(
                    ServerProcess.options()
                            .onCluster(db.url(), nats)
                            .jvm(
                                    "-Dchapar.heartbeatMs=" + BEAT_MS,
                                    "-Dchapar.heartbeatsMissed=" + MISSED)
                            .startNodes(temp, 3));
            for (ServerProcess n : nodes) {
                awaitLiveNodes(n, 3);
            }
            ChaparClient carol = connect(nodes.get(0).uri(), clients);
            User carolUser =
                    carol.register("pd_carol", "password-carol", null, "t").join().getUser();
            UpdateRecorder carolSees = new UpdateRecorder();
            carol.addUpdateListener(carolSees);
            ChaparClient bob = connect(nodes.get(1).uri(), clients);
            User bobUser = bob.register("pd_bob", "password-bob", null, "t").join().getUser();
            ChaparClient alice = connect(nodes.get(2).uri(), clients);
            alice.register("pd_alice", "password-alice", null, "t").join();

            // writing to carol lets her see bob's status (last seen: his partners)
            bob.sendMessage(Peers.user(carolUser), "hi carol").join();
            carolSees.awaitOne(UpdateRecorder.newMessage("hi carol"));
            assertThat(statusOf(carol, bobUser).getOnline()).as("bob seen online").isTrue();

            long killedAt = System.currentTimeMillis();
            nodes.get(1).kill();
            Predicate<Update> bobOffline =
                    u ->
                            u.hasUserStatus()
                                    && u.getUserStatus().getUserId() == bobUser.getId()
                                    && !u.getUserStatus().getOnline();
            long timeout = BEAT_MS * MISSED;
            UserStatus offline =
                    carolSees
                            .await(bobOffline, 1, Duration.ofMillis(timeout + 10_000))
                            .get(0)
                            .getUserStatus();
            long seenAfter = System.currentTimeMillis() - killedAt;

            assertThat(seenAfter).as("ms from kill to offline").isLessThan(timeout + 10_000);
            assertThat(offline.getLastSeen() * 1000)
                    .as("last seen: the last heartbeat heard before the kill")
                    .isBetween(killedAt - BEAT_MS - 2_000, killedAt + 1_000);

            // each survivor judges the silence on its own beats, up to one beat apart: the
            // announcement may come from the other survivor before carol's node has judged, and
            // until then her node still answers online. Once both have, both say offline.
            awaitLiveNodes(nodes.get(0), 2);
            awaitLiveNodes(nodes.get(2), 2);
            UserStatus asked = statusOf(carol, bobUser);
            assertThat(asked.getOnline()).isFalse();
            assertThat(asked.getLastSeen()).isEqualTo(offline.getLastSeen());

            // a later message as sentinel
            alice.sendMessage(Peers.user(carolUser), "sentinel").join();
            carolSees.awaitOne(UpdateRecorder.newMessage("sentinel"));
            assertThat(carolSees.all()).filteredOn(bobOffline).as("told once").hasSize(1);
            System.out.printf(
                    "node death to offline seen: %d ms (timeout %d ms)%n", seenAfter, timeout);
        } finally {
            clients.forEach(ChaparClient::close);
            for (ServerProcess p : nodes) {
                p.close();
            }
        }
    }

    private static UserStatus statusOf(ChaparClient viewer, User target) {
        return viewer.getUsers(List.of(target.getId())).join().get(0).getStatus();
    }

    /** Waits until the node's /metrics says it hears {@code count} nodes, itself included. */
    private void awaitLiveNodes(ServerProcess node, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Pattern series = Pattern.compile("(?m)^chapar_nodes_live ([0-9.]+)$");
        while (true) {
            String body =
                    http.send(
                                    HttpRequest.newBuilder(node.httpUri("/metrics")).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            Matcher m = series.matcher(body);
            double live = m.find() ? Double.parseDouble(m.group(1)) : -1;
            if (live == count) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("node on %s hears %s nodes, waiting for %d", node.uri(), live, count)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ChaparClient connect(URI uri, List<ChaparClient> clients) {
        ChaparClient c =
                ChaparClient.builder(uri)
                        .clientName("cluster-test")
                        .maxReconnectBackoff(Duration.ofSeconds(1))
                        .build();
        clients.add(c);
        c.connect().join();
        return c;
    }
}
