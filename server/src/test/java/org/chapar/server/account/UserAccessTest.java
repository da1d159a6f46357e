package org.chapar.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

class UserAccessTest {
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    @Test
    void aUsersHashIsTheSameEachTimeAndOnEveryServerWithTheSecret() {
        UserAccess access = new UserAccess(SECRET);
        long first = access.hash(42);
        assertThat(access.hash(42)).isEqualTo(first);
        assertThat(new UserAccess(SECRET).hash(42)).isEqualTo(first);
        assertThat(first).isNotNegative();
        assertThat(access.hash(43)).isNotEqualTo(first);
    }

    @Test
    void idsThatShareARememberedSlotKeepTheirOwnHashes() {
        UserAccess fresh = new UserAccess(SECRET);
        long far = 42 + (1L << 16);
        long farHash = fresh.hash(far);
        UserAccess access = new UserAccess(SECRET);
        long near = access.hash(42);
        assertThat(access.hash(far)).isEqualTo(farHash).isNotEqualTo(near);
        assertThat(access.hash(42)).isEqualTo(near);
    }

    @Test
    void aDifferentSecretGivesDifferentHashes() {
        byte[] other = SECRET.clone();
        other[0] = 8;
        assertThat(new UserAccess(other).hash(42)).isNotEqualTo(new UserAccess(SECRET).hash(42));
    }
}
