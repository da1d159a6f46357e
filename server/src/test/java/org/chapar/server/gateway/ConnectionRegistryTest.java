package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.bus.Bus;
import org.chapar.server.bus.BusStats;
import org.chapar.server.bus.LocalBus;
import org.chapar.server.bus.UserFact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A session revoked while its SessionRevoked fact cannot reach this node: before the node's
 * subscription to the user's facts is in effect, or during a bus outage.
 */
class ConnectionRegistryTest {
    private static final long ALICE = 7;
    private static final long LAPTOP = 70;

    private final LateBus bus = new LateBus();
    private final Set<Long> liveSessions = ConcurrentHashMap.newKeySet();
    private final List<Long> checked = new ArrayList<>();
    private final ConnectionRegistry registry =
            new ConnectionRegistry(
                    bus,
                    1,
                    user -> CompletableFuture.completedFuture(List.of()),
                    (user, session) -> {
                        checked.add(session);
                        return CompletableFuture.completedFuture(liveSessions.contains(session));
                    });

    @Test
    void aSessionRevokedBeforeTheSubscriptionIsInEffectIsStillClosed() throws Exception {
        liveSessions.add(LAPTOP);
        EmbeddedChannel socket = new EmbeddedChannel();
        registry.attach(new Connection(socket, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP));

        liveSessions.remove(LAPTOP); // a logout on another node, whose fact reaches nobody here
        bus.publish(Bus.facts(ALICE), new UserFact.SessionRevoked(LAPTOP).encode());
        assertThat(checked).as("the session is checked once the bus confirms").isEmpty();
        bus.settle();

        assertThat(pushed(socket).getUpdates().getUpdates(0).hasSessionRevoked()).isTrue();
        assertThat(socket.<Object>readOutbound()).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(socket.isOpen()).isFalse();
        assertThat(registry.connections()).isZero();
    }

    @Test
    void aLiveSessionStaysOpenAndStillHearsItsRevocation() throws Exception {
        liveSessions.add(LAPTOP);
        EmbeddedChannel socket = new EmbeddedChannel();
        registry.attach(new Connection(socket, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP));
        bus.settle();

        assertThat(checked).containsExactly(LAPTOP);
        assertThat(socket.<Object>readOutbound()).isNull();
        assertThat(socket.isOpen()).isTrue();

        bus.publish(Bus.facts(ALICE), new UserFact.SessionRevoked(LAPTOP).encode());
        assertThat(pushed(socket).getUpdates().getUpdates(0).hasSessionRevoked()).isTrue();
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void aRevokedSessionLeavesTheUsersOtherSessionsOpen() throws Exception {
        liveSessions.add(LAPTOP + 1);
        EmbeddedChannel phone = new EmbeddedChannel();
        EmbeddedChannel laptop = new EmbeddedChannel();
        registry.attach(
                new Connection(phone, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP + 1));
        registry.attach(new Connection(laptop, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP));
        bus.settle();

        assertThat(pushed(laptop).getUpdates().getUpdates(0).hasSessionRevoked()).isTrue();
        assertThat(laptop.isOpen()).isFalse();
        assertThat(phone.<Object>readOutbound()).isNull();
        assertThat(phone.isOpen()).isTrue();
        assertThat(registry.connections()).isOne();
    }

    @Test
    void aRevocationLostInABusOutageClosesTheSessionOnceTheBusIsBack() throws Exception {
        liveSessions.add(LAPTOP);
        EmbeddedChannel socket = new EmbeddedChannel();
        registry.attach(new Connection(socket, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP));
        bus.settle();
        assertThat(socket.isOpen()).isTrue();

        liveSessions.remove(LAPTOP); // its fact was published while this node was cut off
        bus.restored();
        bus.settle();

        assertThat(pushed(socket).getUpdates().getUpdates(0).hasTooLong()).isTrue();
        assertThat(pushed(socket).getUpdates().getUpdates(0).hasSessionRevoked()).isTrue();
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void aLoginIsReadyOnlyOnceItsChatsAreWatchedAndTheBusConfirms() throws Exception {
        liveSessions.add(LAPTOP);
        CompletableFuture<List<Long>> chats = new CompletableFuture<>();
        ConnectionRegistry slow =
                new ConnectionRegistry(
                        bus,
                        1,
                        user -> chats,
                        (user, session) -> CompletableFuture.completedFuture(true));
        EmbeddedChannel socket = new EmbeddedChannel();
        CompletableFuture<Void> ready =
                slow.attach(
                        new Connection(socket, 1 << 20), new Connection.AuthSession(ALICE, LAPTOP));
        bus.settle(); // the user's own topics: not yet its chats
        assertThat(ready).isNotDone();

        chats.complete(List.of(42L));
        assertThat(ready).as("the chat's subscription is not confirmed yet").isNotDone();
        bus.settle();
        assertThat(ready).isCompleted();
        // a post in the chat right after the answer reaches the socket
        bus.publish(Bus.chat(42), ServerFrame.getDefaultInstance().toByteArray());
        socket.runPendingTasks();
        assertThat(socket.<Object>readOutbound()).isNotNull();
    }

    @Test
    void aLoginDoesNotWaitForABusThatCannotConfirm() {
        liveSessions.add(LAPTOP);
        CompletableFuture<Void> ready =
                registry.attach(
                        new Connection(new EmbeddedChannel(), 1 << 20),
                        new Connection.AuthSession(ALICE, LAPTOP));
        bus.fail(); // away: its return makes every connection catch up
        assertThat(ready).isCompleted();
    }

    private static ServerFrame pushed(EmbeddedChannel socket)
            throws InvalidProtocolBufferException {
        socket.runPendingTasks();
        BinaryWebSocketFrame frame = socket.readOutbound();
        assertThat(frame).as("a frame was pushed").isNotNull();
        try {
            return ServerFrame.parseFrom(ByteBufUtil.getBytes(frame.content()));
        } finally {
            frame.release();
        }
    }

    /**
     * A bus on which a subscription takes effect only when the test says the bus has settled, as on
     * NATS once the server has processed the SUB: what is published before reaches nobody.
     */
    private static final class LateBus implements Bus {
        private final LocalBus effective = new LocalBus();
        private final List<Runnable> pending = new ArrayList<>();
        private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
        private final List<Runnable> restoredListeners = new ArrayList<>();

        @Override
        public void publish(String topic, byte[] payload) {
            effective.publish(topic, payload);
        }

        @Override
        public AutoCloseable subscribe(String topic, Consumer<byte[]> handler) {
            pending.add(() -> effective.subscribe(topic, handler));
            return () -> {}; // unsubscribing is not what these tests are about
        }

        @Override
        public CompletableFuture<Void> settled() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiting.add(f);
            return f;
        }

        @Override
        public void onRestored(Runnable listener) {
            restoredListeners.add(listener);
        }

        void restored() {
            restoredListeners.forEach(Runnable::run);
        }

        void settle() {
            pending.forEach(Runnable::run);
            pending.clear();
            waiting.forEach(f -> f.complete(null));
            waiting.clear();
        }

        /** The bus cannot confirm (it is away): every settle waiting fails. */
        void fail() {
            waiting.forEach(f -> f.completeExceptionally(new IllegalStateException("bus away")));
            waiting.clear();
        }

        @Override
        public BusStats stats() {
            return effective.stats();
        }

        @Override
        public void close() {}
    }
}
