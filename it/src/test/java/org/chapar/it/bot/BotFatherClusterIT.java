package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two nodes over PostgreSQL and NATS: both create nothing twice at start, and every message
 * to @BotFather, whichever node its sender is on, is answered exactly once.
 */
class BotFatherClusterIT {
    @TempDir Path temp;

    @Test
    void eachMessageIsAnsweredOnceWhicheverNodeTheUserIsOn() throws Exception {
        List<ServerProcess> nodes = new ArrayList<>();
        List<ChaparClient> clients = new ArrayList<>();
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                NatsProcess nats = NatsProcess.start()) {
            nodes.addAll(ServerProcess.options().onCluster(db.url(), nats).startNodes(temp, 2));
            for (int i = 0; i < 2; i++) {
                ChaparClient c = ChaparClient.builder(nodes.get(i).uri()).build();
                clients.add(c);
                c.connect().join();
                UpdateRecorder seen = new UpdateRecorder();
                c.addUpdateListener(seen);
                c.register("bf_user" + i, "password-" + i, null, "t").join();
                User father = c.resolveUsername("BotFather").join();
                assertThat(father.getVerified()).isTrue();
                Peer peer = Peers.user(father);
                Predicate<Update> fromFather =
                        u ->
                                u.hasNewMessage()
                                        && u.getNewMessage().getMessage().getFromId()
                                                == father.getId();
                List<String> said =
                        List.of("/help", "/newbot", "Clustered", "bf_cluster" + i + "_bot");
                for (int n = 0; n < said.size(); n++) {
                    c.sendMessage(peer, said.get(n)).join();
                    seen.await(fromFather, n + 1, Duration.ofSeconds(30));
                }
                // a sentinel: once it is answered, any second answer to the above would be in
                c.sendMessage(peer, "/cancel").join();
                seen.await(
                        UpdateRecorder.newMessage(
                                "No active command to cancel. I wasn't doing anything anyway."
                                        + " Zzzzz..."),
                        1,
                        Duration.ofSeconds(30));
                List<Update> answers = seen.all().stream().filter(fromFather).toList();
                assertThat(answers).hasSize(said.size() + 1);
                assertThat(answers.get(3).getNewMessage().getMessage().getText())
                        .startsWith("Done! Congratulations on your new bot.");
                assertThat(new BotRequests(c).myBots().join())
                        .extracting(User::getUsername)
                        .containsExactly("bf_cluster" + i + "_bot");
            }
        } finally {
            clients.forEach(ChaparClient::close);
            for (ServerProcess p : nodes) {
                p.close();
            }
        }
    }
}
