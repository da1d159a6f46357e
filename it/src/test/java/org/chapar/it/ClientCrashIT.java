package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * SDK clients across a kill -9 of the server: sends in flight are re-sent, nothing is lost or
 * doubled.
 */
class ClientCrashIT {

    @TempDir Path data;

    private final List<ChaparClient> clients = new ArrayList<>();

    private ChaparClient client(ServerProcess server, UpdateRecorder recorder) {
        ChaparClient c = ChaparClient.builder(server.uri()).clientName("crash-it").build();
        clients.add(c);
        c.addUpdateListener(recorder);
        c.connect().join();
        return c;
    }

    @Test
    void sendsStreamingThroughAKillNineArriveExactlyOnce() throws Exception {
        ServerProcess server = ServerProcess.start(data, 0);
        int port = server.port();
        try {
            UpdateRecorder aliceUpdates = new UpdateRecorder();
            UpdateRecorder bobUpdates = new UpdateRecorder();
            ChaparClient alice = client(server, aliceUpdates);
            ChaparClient bob = client(server, bobUpdates);
            alice.register("crash_alice", "password-alice", "Alice", "it").join();
            User bobUser = bob.register("crash_bob", "password-bob", "Bob", "it").join().getUser();

            List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                sends.add(alice.sendMessage(Peers.user(bobUser), "k" + i));
                if (i == 30) {
                    server.kill();
                    server = ServerProcess.start(data, port);
                }
                Thread.sleep(5);
            }
            for (CompletableFuture<SentMessage> f : sends) {
                assertThat(f.get(60, TimeUnit.SECONDS).getMessage().getId()).isPositive();
            }
            bobUpdates.await(u -> u.hasNewMessage(), 60, Duration.ofSeconds(60));
            // a later live message: a send delivered twice would have come before it
            alice.sendMessage(Peers.user(bobUser), "sentinel").get(60, TimeUnit.SECONDS);
            bobUpdates.await(UpdateRecorder.newMessage("sentinel"), 1, Duration.ofSeconds(60));
            List<String> got =
                    bobUpdates.all().stream()
                            .filter(Update::hasNewMessage)
                            .map(u -> u.getNewMessage().getMessage().getText())
                            .toList();
            assertThat(got.subList(0, 60))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 60).mapToObj(i -> "k" + i).toList());
            assertThat(got.subList(60, got.size())).containsExactly("sentinel");
            assertThat(
                            bobUpdates.all().stream()
                                    .filter(u -> u.getPts() != 0)
                                    .map(Update::getPts)
                                    .toList())
                    .isSorted()
                    .doesNotHaveDuplicates();
            List<Message> history =
                    bob.getHistory(Peers.user(alice.syncState().userId()), 0, 100)
                            .join()
                            .getMessagesList();
            assertThat(history).extracting(Message::getText).hasSize(61).doesNotHaveDuplicates();
        } finally {
            clients.forEach(ChaparClient::close);
            server.close();
        }
    }
}
