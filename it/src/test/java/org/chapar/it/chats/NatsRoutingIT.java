package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.protocol.ChatKind;
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
import java.util.function.BooleanSupplier;

/**
 * Interest-based routing over NATS (ADR 0017): a node subscribes to a chat's subject once, however
 * many of its members it holds, so a post reaches each node with members once; and it unsubscribes
 * when its last such member goes.
 */
class NatsRoutingIT {
    @RegisterExtension
    @Order(1)
    static final NatsExtension nats = NatsExtension.create();

    @RegisterExtension
    @Order(2)
    static final ChaparServerExtension server = ChaparServerExtension.create(nats.onBus());

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aChannelPostReachesANodeOnceHoweverManyOfItsSubscribersItHolds() throws Exception {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        long chat = Chats.create(alice, ChatKind.CHANNEL, "news", "").getChat().getId();
        List<TestUser> onB = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestUser u = server.newUser("sub" + i);
            Chats.add(alice, chat, u).join();
            onB.add(server.newDevice(u, b));
        }
        Chats.send(alice, chat, "warm-up").join();
        for (TestUser u : onB) {
            u.updates().awaitOne(newMessage("warm-up"));
        }
        long before = b.busStats().received();

        Chats.send(alice, chat, "one publish").join();
        for (TestUser u : onB) {
            u.updates().awaitOne(newMessage("one publish"));
        }

        assertThat(b.busStats().received() - before)
                .as("messages node B received from NATS for one post to its four subscribers")
                .isEqualTo(1);
    }

    @Test
    void aNodeUnsubscribesWhenItsLastConnectionOfAUserGoes() throws Exception {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        long chat = Chats.create(alice, ChatKind.SUPERGROUP, "talk", "").getChat().getId();
        TestUser bob = server.newUser("bob");
        Chats.add(alice, chat, bob).join();
        int idle = b.busStats().subscriptions();

        TestUser bobOnB = server.newDevice(bob, b);
        await(
                () -> b.busStats().subscriptions() == idle + 3,
                "B follows bob's pushes, facts and the supergroup");
        bobOnB.client().close();

        await(
                () -> b.busStats().subscriptions() == idle,
                "B drops bob's subjects and the supergroup's with his last connection");
    }
}
