package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.server.ChaparServer;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.NatsExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * NATS goes away while two nodes serve users (ADR 0017): sends are still stored and acknowledged;
 * once it is back every node tells its connections to catch up (TooLong), and the SDK fetches what
 * it missed, in the common box and in a channel, each once.
 */
class BusOutageIT {
    @RegisterExtension
    @Order(1)
    static final NatsExtension nats = NatsExtension.create();

    @RegisterExtension
    @Order(2)
    static final ChaparServerExtension server = ChaparServerExtension.create(nats.onBus());

    @Test
    void sendsAreAcknowledgedWhileNatsIsDownAndTheOtherNodesClientsCatchUpAfter() throws Exception {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice"); // on node A
        TestUser bob = server.newUser("bob");
        long chat = Chats.create(alice, ChatKind.CHANNEL, "news", "").getChat().getId();
        Chats.add(alice, chat, bob).join();
        TestUser bobOnB = server.newDevice(bob, b);
        alice.client().sendMessage(bob.peer(), "before").join();
        Chats.send(alice, chat, "post before").join(); // bob's device now holds the channel's pts
        bobOnB.updates().awaitOne(newMessage("before"));
        bobOnB.updates().awaitOne(newMessage("post before"));

        nats.process().stop();
        awaitUnreachable(b);
        List<SentMessage> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acked.add(alice.client().sendMessage(bob.peer(), "during " + i).join());
        }
        Chats.send(alice, chat, "post during").join();
        Thread.sleep(2_000); // an outage of a while: the nodes keep retrying
        nats.process().startAgain();

        assertThat(server.server().busStats().lost())
                .as("node A's pushes of the outage were lost: the catch-up brings them")
                .isPositive();
        assertThat(acked).allMatch(m -> m.getMessage().getId() > 0 && m.getPts() > 0);
        for (int i = 0; i < 5; i++) {
            bobOnB.updates().awaitOne(newMessage("during " + i));
        }
        bobOnB.updates().awaitOne(newMessage("post during"));
        alice.client().sendMessage(bob.peer(), "after").join();
        bobOnB.updates().awaitOne(newMessage("after"));
        List<Update> got = bobOnB.updates().all();
        for (int i = 0; i < 5; i++) {
            assertThat(got).filteredOn(newMessage("during " + i)).as("delivered once").hasSize(1);
        }
        assertThat(got).filteredOn(newMessage("post during")).hasSize(1);
    }

    private static void awaitUnreachable(ChaparServer node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node.busStats().outages() == 0) {
            assertThat(System.nanoTime()).as("node saw NATS go").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
