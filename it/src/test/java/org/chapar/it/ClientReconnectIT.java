package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ConnectionState;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The SDK across a server restart: it reconnects by itself, re-sends its sends, loses and repeats
 * nothing.
 */
class ClientReconnectIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static List<String> texts(List<Update> updates) {
        return updates.stream()
                .filter(Update::hasNewMessage)
                .map(u -> u.getNewMessage().getMessage().getText())
                .toList();
    }

    @Test
    void clientsReconnectAfterAServerRestartWithNoLossAndNoDuplicates() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        List<ConnectionState> bobStates = new CopyOnWriteArrayList<>();
        bob.client().addConnectionListener(bobStates::add);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add("before " + i);
            alice.client().sendMessage(bob.peer(), "before " + i).join();
        }
        bob.updates().await(u -> u.hasNewMessage(), 5, Duration.ofSeconds(10));

        // Sends made while the server is going down and away: queued or in flight, then re-sent.
        List<CompletableFuture<SentMessage>> pending = new ArrayList<>();
        Thread restarter = new Thread(server::restart);
        restarter.start();
        for (int i = 0; i < 10; i++) {
            expected.add("during " + i);
            pending.add(alice.client().sendMessage(bob.peer(), "during " + i));
            Thread.sleep(20);
        }
        restarter.join();
        for (CompletableFuture<SentMessage> f : pending) {
            assertThat(f.get(30, TimeUnit.SECONDS).getMessage().getId()).isPositive();
        }
        for (int i = 0; i < 5; i++) {
            expected.add("after " + i);
            alice.client().sendMessage(bob.peer(), "after " + i).get(30, TimeUnit.SECONDS);
        }

        bob.updates().awaitOne(newMessage("after 4"));
        // a later live message: a send delivered twice would have come before it
        expected.add("sentinel");
        alice.client().sendMessage(bob.peer(), "sentinel").join();
        bob.updates().awaitOne(newMessage("sentinel"));
        // The sends made during the restart may be ordered differently from the calls (each went
        // whenever its connection allowed), but every one arrives exactly once, in pts order.
        List<String> got = texts(bob.updates().all());
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(got.subList(0, 5)).containsExactlyElementsOf(expected.subList(0, 5));
        assertThat(got.subList(15, 21)).containsExactlyElementsOf(expected.subList(15, 21));
        List<Long> pts =
                bob.updates().all().stream()
                        .filter(u -> u.getPts() != 0)
                        .map(Update::getPts)
                        .toList();
        assertThat(pts).isSorted().doesNotHaveDuplicates();

        // The server stored each send once (and the sentinel), though some were sent twice.
        List<Message> history =
                bob.client().getHistory(alice.peer(), 0, 100).join().getMessagesList();
        assertThat(history).extracting(Message::getText).hasSize(21).doesNotHaveDuplicates();
        assertThat(bobStates).contains(ConnectionState.OFFLINE);
        assertThat(bobStates.get(bobStates.size() - 1)).isEqualTo(ConnectionState.ONLINE);
    }

    @Test
    void messagesSentWhileAClientIsReconnectingAreCaughtUp() throws Exception {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        server.restart();
        // alice reconnects and sends before bob is necessarily back: bob catches up by difference
        for (int i = 0; i < 10; i++) {
            alice.client().sendMessage(bob.peer(), "x" + i).get(30, TimeUnit.SECONDS);
        }
        bob.updates().await(u -> u.hasNewMessage(), 10, Duration.ofSeconds(30));
        // a later live message: anything the catch-up delivered twice would have come before it
        alice.client().sendMessage(bob.peer(), "sentinel").get(30, TimeUnit.SECONDS);
        bob.updates().awaitOne(newMessage("sentinel"));
        List<String> expected =
                new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> "x" + i).toList());
        expected.add("sentinel");
        assertThat(texts(bob.updates().all())).containsExactlyElementsOf(expected);
    }
}
