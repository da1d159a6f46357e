package org.chapar.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.BusStats;
import org.chapar.server.bus.LocalBus;
import org.chapar.server.bus.PresenceFact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Three nodes' views on one in-process bus and one fake clock: a node silent past the timeout takes
 * its users offline, announced once, and a node that lost the bus declares nobody dead.
 */
class OnlineViewTest {
    private static final long WALL_START = 1_700_000_000_000L;
    private static final Heartbeats BEATS = new Heartbeats(Duration.ofSeconds(2), 3);
    private static final long ALICE = 100;
    private static final long BOB = 200;

    private final LocalBus shared = new LocalBus();
    private final long[] ticks = {0};
    private final Clock wall =
            new Clock() {
                @Override
                public long millis() {
                    return WALL_START + ticks[0];
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(millis());
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }
            };

    /** Node 1 has the lowest id: when it dies, node 2 speaks. */
    private final Node b = new Node(1);

    private final Node a = new Node(2);
    private final Node c = new Node(3);

    @AfterEach
    void close() {
        List.of(a, b, c).forEach(n -> n.view.close());
    }

    @Test
    void aSilentNodesUsersGoOfflineOnceLastSeenAtItsLastBeat() {
        b.connect(ALICE);
        beatAll(a, b, c);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        long lastBeat = wall.millis();

        for (int i = 0; i < 3; i++) { // 6 s: exactly the timeout, not past it
            advance(2_000);
            beatAll(a, c);
        }
        assertThat(a.view.isOnline(ALICE)).as("silent for the timeout, not past it").isTrue();

        advance(1);
        beatAll(a, c);
        assertThat(a.view.isOnline(ALICE)).isFalse();
        assertThat(c.view.isOnline(ALICE)).isFalse();
        assertThat(a.view.liveNodes()).isEqualTo(2);
        assertThat(a.announced).containsExactly("offline " + ALICE + " at " + lastBeat);
        assertThat(c.announced).as("only the lowest live node announces").isEmpty();

        advance(2_000);
        beatAll(a, c);
        assertThat(a.announced).as("announced once").hasSize(1);
    }

    @Test
    void aUserStillOnlineThroughAnotherLiveNodeStaysOnline() {
        b.connect(ALICE);
        c.connect(ALICE);
        beatAll(a, b, c);
        for (int i = 0; i < 4; i++) {
            advance(2_000);
            beatAll(a, c);
        }
        assertThat(a.view.liveNodes()).isEqualTo(2);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        assertThat(a.announced).isEmpty();
        assertThat(c.announced).isEmpty();
    }

    @Test
    void aUserWhoReconnectsToAnotherNodeIsOnlineAgainAtOnce() {
        b.connect(ALICE);
        beatAll(a, b, c);
        for (int i = 0; i < 4; i++) {
            advance(2_000);
            beatAll(a, c);
        }
        assertThat(a.view.isOnline(ALICE)).isFalse();

        c.connect(ALICE);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        assertThat(c.announced).containsExactly("online " + ALICE);
    }

    @Test
    void aNodeThatLostTheBusDeclaresNobodyDeadOnItsReturn() {
        b.connect(ALICE);
        c.connect(BOB);
        beatAll(a, b, c);
        a.bus.up = false;
        for (int i = 0; i < 5; i++) { // 10 s without the bus on node 2
            advance(2_000);
            beatAll(a, b, c);
        }
        a.bus.up = true;
        advance(2_000);
        beatAll(a, b, c);

        assertThat(a.view.liveNodes())
                .as("heard nothing, itself included: judged nobody")
                .isEqualTo(3);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        assertThat(a.view.isOnline(BOB)).isTrue();
        assertThat(a.announced).isEmpty();
        for (int i = 0; i < 4; i++) {
            advance(2_000);
            beatAll(a, b, c);
        }
        assertThat(a.view.liveNodes()).isEqualTo(3);
        assertThat(a.announced).isEmpty();
    }

    @Test
    void aNodeWhoseBusLooksUpButCarriesNothingJudgesNobody() {
        b.connect(ALICE);
        beatAll(a, b, c);
        a.bus.deaf = true; // publishes vanish and nothing arrives, but the bus says it is up
        for (int i = 0; i < 5; i++) {
            advance(2_000);
            beatAll(a, b, c);
        }
        assertThat(a.view.liveNodes()).isEqualTo(3);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        assertThat(a.announced).isEmpty();
    }

    @Test
    void aNodeHeardAgainAfterItWasTakenForDeadComesBackWithItsUsers() {
        b.connect(ALICE);
        beatAll(a, b, c);
        for (int i = 0; i < 4; i++) { // node 1 paused past the timeout
            advance(2_000);
            beatAll(a, c);
        }
        assertThat(a.view.isOnline(ALICE)).isFalse();

        advance(2_000);
        beatAll(a, b, c);
        assertThat(a.view.isOnline(ALICE)).isTrue();
        assertThat(c.view.isOnline(ALICE)).isTrue();
        assertThat(a.announced)
                .containsExactly("offline " + ALICE + " at " + WALL_START, "online " + ALICE);
        assertThat(b.announced)
                .as("the paused node did not see itself go")
                .containsExactly("online " + ALICE);
        assertThat(c.announced).isEmpty();
    }

    @Test
    void theOfflineFactOfAUsersLastConnectionIsAnnouncedByItsNode() {
        c.connect(ALICE);
        beatAll(a, b, c);
        advance(1_500);
        c.disconnect(ALICE);
        assertThat(a.view.isOnline(ALICE)).isFalse();
        assertThat(c.announced)
                .containsExactly("online " + ALICE, "offline " + ALICE + " at " + wall.millis());
        assertThat(a.announced).isEmpty();
        assertThat(b.announced).isEmpty();
    }

    private void advance(long millis) {
        ticks[0] += millis;
    }

    private static void beatAll(Node... nodes) {
        for (Node n : nodes) {
            n.view.beat();
        }
    }

    /** One node: its view, its way onto the shared bus, and what it announced. */
    private final class Node {
        final long id;
        final CuttableBus bus = new CuttableBus();
        final OnlineView view;
        final List<String> announced = new ArrayList<>();

        Node(long id) {
            this.id = id;
            this.view = new OnlineView(bus, id, BEATS, wall, () -> ticks[0]);
            view.onUserOnline(u -> announced.add("online " + u));
            view.onUserOffline((u, at) -> announced.add("offline " + u + " at " + at));
        }

        void connect(long user) {
            bus.publish(Bus.PRESENCE, new PresenceFact(id, user, true).encode());
        }

        void disconnect(long user) {
            bus.publish(Bus.PRESENCE, new PresenceFact(id, user, false).encode());
        }
    }

    /**
     * A node's link to the shared bus, which a test can take away ({@code up}: the bus says so) or
     * break silently ({@code deaf}: it says it is up but carries nothing either way).
     */
    private final class CuttableBus implements Bus {
        volatile boolean up = true;
        volatile boolean deaf;
        private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

        private boolean carries() {
            return up && !deaf;
        }

        @Override
        public void publish(String topic, byte[] payload) {
            if (carries()) {
                shared.publish(topic, payload);
            }
        }

        @Override
        public AutoCloseable subscribe(String topic, Consumer<byte[]> handler) {
            AutoCloseable s =
                    shared.subscribe(
                            topic,
                            bytes -> {
                                if (carries()) {
                                    handler.accept(bytes);
                                }
                            });
            subscriptions.add(s);
            return s;
        }

        @Override
        public boolean reachable() {
            return up;
        }

        @Override
        public BusStats stats() {
            return shared.stats();
        }

        @Override
        public void close() {}
    }
}
