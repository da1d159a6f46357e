package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

import java.time.Clock;

/** The WebSocket ceiling: room is taken and given back by open connections; the heap limit. */
class CapacityTest {
    private int heapUsed = 40;
    private final Capacity capacity =
            new Capacity(
                    ConnectionLimits.defaults().withCeiling(2, 85),
                    () -> heapUsed,
                    Clock.systemUTC());

    @Test
    void connectionsUpToTheCeilingAreTakenAndOneClosedMakesRoom() {
        EmbeddedChannel first = new EmbeddedChannel();
        assertThat(capacity.admit(first)).isEmpty();
        assertThat(capacity.admit(new EmbeddedChannel())).isEmpty();
        assertThat(capacity.limit()).hasValue("at its ceiling of 2 connections");

        assertThat(capacity.admit(new EmbeddedChannel()))
                .hasValue("at its ceiling of 2 connections");
        assertThat(capacity.refused()).isEqualTo(1);
        assertThat(capacity.open()).isEqualTo(2);

        first.close();
        assertThat(capacity.limit()).isEmpty();
        assertThat(capacity.admit(new EmbeddedChannel())).isEmpty();
        assertThat(capacity.refused()).isEqualTo(1);
    }

    @Test
    void aHeapFullerThanItsLimitAfterCollectionRefusesNewConnections() {
        heapUsed = 85;
        assertThat(capacity.admit(new EmbeddedChannel()))
                .hasValue("heap 85% full after collection (limit 85%)");
        assertThat(capacity.open()).isZero();

        heapUsed = 84;
        assertThat(capacity.limit()).isEmpty();
        assertThat(capacity.admit(new EmbeddedChannel())).isEmpty();
        assertThat(capacity.refused()).isEqualTo(1);
    }
}
