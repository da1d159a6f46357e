package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.awaitCondition;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Update;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Nothing acknowledged is lost on SIGKILL: a server in its own process is killed in the middle of a
 * stream of sends, restarted on the same data, and every acknowledged send is then in history once
 * and delivered to the receiver once.
 */
class CrashIT {
    private static final int SENDERS = 4;

    @TempDir Path temp;

    @Test
    void everyAcknowledgedSendSurvivesAKillAndIsDeliveredExactlyOnce() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        ServerProcess server = ServerProcess.start(data, 0);
        int port = server.port();
        List<ChaparClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            ChaparClient bob = client(server, clients);
            UpdateRecorder received = new UpdateRecorder();
            bob.addUpdateListener(received);
            bob.connect().join();
            Authorization bobAuth = bob.register("crash_bob", "password-bob", null, "test").join();
            Peer toBob = Peers.user(bobAuth.getUser());

            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                ChaparClient sender = client(server, clients);
                sender.connect().join();
                sender.register("crash_sender_" + s, "password-sender", null, "test").join();
                int n = s;
                senders.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; !stop.get(); i++) {
                                        String text = "s" + n + "-" + i;
                                        try {
                                            sender.sendMessage(toBob, text)
                                                    .get(60, TimeUnit.SECONDS);
                                            acked.add(text);
                                        } catch (Exception e) {
                                            // not acknowledged: the server may or may not have it
                                        }
                                    }
                                }));
            }
            // kill in the middle of the stream: once plenty were acknowledged, with more in flight
            awaitCondition("50 sends acknowledged before the kill", () -> acked.size() > 50);
            server.kill();
            stop.set(true);

            server = ServerProcess.start(data, port);
            for (var f : senders) {
                f.get(90, TimeUnit.SECONDS);
            }

            Map<String, Integer> inHistory = new HashMap<>();
            for (Message m : history(bob)) {
                inHistory.merge(m.getText(), 1, Integer::sum);
            }
            assertThat(inHistory.keySet()).containsAll(acked);
            assertThat(inHistory.values()).as("no message stored twice").allMatch(c -> c == 1);

            // a later live message: a send delivered twice would have come before it
            clients.get(1).sendMessage(toBob, "sentinel").get(60, TimeUnit.SECONDS);
            received.await(UpdateRecorder.newMessage("sentinel"), 1, Duration.ofSeconds(60));
            List<Update> delivered =
                    received.await(
                            u ->
                                    u.hasNewMessage()
                                            && acked.contains(
                                                    u.getNewMessage().getMessage().getText()),
                            acked.size(),
                            Duration.ofSeconds(60));
            assertThat(
                            delivered.stream()
                                    .map(u -> u.getNewMessage().getMessage().getText())
                                    .toList())
                    .as("each acknowledged send delivered once")
                    .doesNotHaveDuplicates()
                    .hasSize(acked.size());
        } finally {
            pool.shutdownNow();
            clients.forEach(ChaparClient::close);
            server.close();
        }
    }

    private static ChaparClient client(ServerProcess server, List<ChaparClient> clients) {
        ChaparClient c = ChaparClient.builder(server.uri()).clientName("crash-test").build();
        clients.add(c);
        return c;
    }

    /** Bob's whole history with every sender, page by page. */
    private static List<Message> history(ChaparClient bob) {
        List<Message> all = new ArrayList<>();
        var dialogs = bob.getDialogs("", 100).join();
        for (var d : dialogs.getDialogsList()) {
            long offset = 0;
            while (true) {
                MessageList page = bob.getHistory(d.getPeer(), offset, 100).join();
                if (page.getMessagesCount() == 0) {
                    break;
                }
                all.addAll(page.getMessagesList());
                offset = page.getMessages(page.getMessagesCount() - 1).getId();
            }
        }
        return all;
    }
}
