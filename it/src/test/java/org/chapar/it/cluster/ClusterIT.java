package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three nodes as separate processes on loopback, on the real PostgreSQL (this test's own database)
 * and this test's own nats-server: users on different nodes talk, and a node killed with SIGKILL
 * mid-traffic loses no acknowledged message; its clients continue on another node (the SDK's
 * alternate address) and get every message exactly once.
 */
class ClusterIT {
    @TempDir Path temp;

    @Test
    void usersOnThreeNodesTalkAndANodeKilledMidTrafficLosesNothing() throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        List<ServerProcess> nodes = new ArrayList<>();
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                NatsProcess nats = NatsProcess.start()) {
            nodes.addAll(ServerProcess.options().onCluster(db.url(), nats).startNodes(temp, 3));
            ChaparClient alice = connect(nodes.get(0).uri(), clients);
            alice.register("cl_alice", "password-alice", null, "t").join();
            ChaparClient bob = connect(nodes.get(1).uri(), clients);
            User bobUser = bob.register("cl_bob", "password-bob", null, "t").join().getUser();
            UpdateRecorder bobSees = new UpdateRecorder();
            bob.addUpdateListener(bobSees);
            ChaparClient carol = connect(nodes.get(2).uri(), clients, nodes.get(0).uri());
            User carolUser =
                    carol.register("cl_carol", "password-carol", null, "t").join().getUser();
            UpdateRecorder carolSees = new UpdateRecorder();
            carol.addUpdateListener(carolSees);

            alice.sendMessage(Peers.user(bobUser), "across nodes").join();
            bobSees.awaitOne(UpdateRecorder.newMessage("across nodes"));

            Peer toCarol = Peers.user(carolUser);
            int n = 30;
            for (int i = 0; i < n; i++) {
                if (i == 10) {
                    nodes.get(2).kill(); // carol's node, mid-traffic
                }
                assertThat(alice.sendMessage(toCarol, "m" + i).join().getMessage().getId())
                        .isPositive();
            }
            for (int i = 0; i < n; i++) {
                carolSees.await(UpdateRecorder.newMessage("m" + i), 1, Duration.ofSeconds(60));
            }
            alice.sendMessage(toCarol, "sentinel").join();
            carolSees.awaitOne(UpdateRecorder.newMessage("sentinel"));
            for (int i = 0; i < n; i++) {
                assertThat(carolSees.all())
                        .filteredOn(UpdateRecorder.newMessage("m" + i))
                        .as("m%d delivered exactly once", i)
                        .hasSize(1);
            }
        } finally {
            clients.forEach(ChaparClient::close);
            for (ServerProcess p : nodes) {
                p.close();
            }
        }
    }

    private static ChaparClient connect(URI uri, List<ChaparClient> clients, URI... alternates) {
        ChaparClient c =
                ChaparClient.builder(uri)
                        .alternates(alternates)
                        .clientName("cluster-test")
                        .maxReconnectBackoff(Duration.ofSeconds(1))
                        .build();
        clients.add(c);
        c.connect().join();
        return c;
    }
}
