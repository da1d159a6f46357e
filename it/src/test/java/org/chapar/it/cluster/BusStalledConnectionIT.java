package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.bus.Bus;
import org.chapar.server.bus.nats.NatsBus;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.TcpProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node whose NATS connection stays open but whose writes stop reaching the server (here a proxy
 * that drops its bytes, as a stalled client writer does) while it still hears the other nodes: its
 * liveness check finds that NATS no longer answers its PING and reconnects, so its publishes reach
 * the others again within seconds, and every node's connections are told to catch up. Without the
 * check jnats never pings a connection that receives traffic, and the node stayed mute for good
 * (ClusterChatsIT saw a node go silent so after NATS came back).
 */
class BusStalledConnectionIT {

    @Test
    void aNodeWhoseWritesStopReconnectsAndIsHeardAgain() throws Exception {
        try (NatsProcess nats = NatsProcess.start();
                TcpProxy proxy = TcpProxy.start("127.0.0.1", URI.create(nats.url()).getPort());
                NatsBus mute =
                        NatsBus.connect("nats://127.0.0.1:" + proxy.port(), nats.prefix(), 1);
                NatsBus other = NatsBus.connect(nats.url(), nats.prefix(), 2)) {
            LinkedBlockingQueue<Integer> heard = new LinkedBlockingQueue<>();
            other.subscribe(Bus.facts(7), b -> heard.add(ByteBuffer.wrap(b).getInt()));
            AtomicInteger restored = new AtomicInteger();
            other.onRestored(restored::incrementAndGet);
            // the mute node keeps hearing the other one, as a node hears heartbeats
            other.subscribe(Bus.facts(8), b -> {});
            mute.subscribe(Bus.facts(9), b -> {});
            mute.settled().get(10, TimeUnit.SECONDS);
            other.settled().get(10, TimeUnit.SECONDS);

            mute.publish(Bus.facts(7), ByteBuffer.allocate(4).putInt(0).array());
            assertThat(heard.poll(10, TimeUnit.SECONDS)).as("heard before the stall").isZero();

            proxy.muteClients();
            long mutedAt = System.nanoTime();
            Integer first = null;
            for (int i = 1;
                    first == null && System.nanoTime() - mutedAt < TimeUnit.SECONDS.toNanos(30);
                    i++) {
                other.publish(Bus.facts(9), new byte[1]); // traffic the mute node receives
                mute.publish(Bus.facts(7), ByteBuffer.allocate(4).putInt(i).array());
                first = heard.poll(200, TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - mutedAt) / 1e9;
            assertThat(first).as("a publish of the mute node heard again within 30 s").isNotNull();
            assertThat(seconds).as("heard again within 10 s, not 30").isLessThan(10);
            assertThat(mute.stalls()).as("the liveness check found the stall").isPositive();
            // what the node published while mute may never have arrived: the others catch up
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (restored.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(restored.get())
                    .as("the other node told its connections to catch up")
                    .isPositive();
            System.out.printf("mute node heard again after %.1f s%n", seconds);
        }
    }

    @Test
    void aHealthyNodeIsNeverTakenForStalled() throws Exception {
        try (NatsProcess nats = NatsProcess.start();
                NatsBus a = NatsBus.connect(nats.url(), nats.prefix(), 1);
                NatsBus b = NatsBus.connect(nats.url(), nats.prefix(), 2)) {
            LinkedBlockingQueue<byte[]> heard = new LinkedBlockingQueue<>();
            b.subscribe(Bus.facts(1), heard::add);
            b.settled().get(10, TimeUnit.SECONDS);
            long end = System.nanoTime() + NatsBus.LIVENESS_EVERY.multipliedBy(4).toNanos();
            while (System.nanoTime() < end) {
                a.publish(Bus.facts(1), new byte[] {1});
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isNotNull();
                Thread.sleep(100);
            }
            assertThat(a.stalls()).isZero();
            assertThat(b.stalls()).isZero();
        }
    }
}
