package org.chapar.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void aRangeCoversEveryAddressAndIsHandedOutRoundRobin() {
        SourceAddresses s = SourceAddresses.parse("127.0.0.2-127.0.0.4");
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.next().getHostString()).isEqualTo("127.0.0.2");
        assertThat(s.next().getHostString()).isEqualTo("127.0.0.3");
        assertThat(s.next().getHostString()).isEqualTo("127.0.0.4");
        assertThat(s.next().getHostString()).isEqualTo("127.0.0.2");
        assertThat(s.next().getPort()).isZero();
    }

    @Test
    void aListMayMixSingleAddressesAndRanges() {
        assertThat(SourceAddresses.parse("127.0.0.1, 127.0.0.5-127.0.0.6").size()).isEqualTo(3);
    }
}
