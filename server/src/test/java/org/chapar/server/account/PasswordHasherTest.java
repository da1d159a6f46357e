package org.chapar.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(256, 1, 1));

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$v=19$m=256,t=1,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horsE", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerify() {
        String old = new PasswordHasher(new PasswordHasher.Params(64, 2, 1)).hash("pw-123456");
        assertThat(hasher.verify("pw-123456", old)).isTrue();
        assertThat(hasher.verify("pw-123456", "$bcrypt$nonsense")).isFalse();
    }
}
