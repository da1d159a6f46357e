package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

class AuthorKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ByteString SALT =
            ByteString.copyFrom(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
    private static final byte[] NONCE = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    @Test
    void theKeyAndTagAreThoseTheProtocolSpecifies() {
        // computed apart from this code, with the reference Argon2 library (libargon2,
        // argon2id_hash_raw t=2 m=19456 p=1) and Python's hmac: K = Argon2id("correct horse
        // battery", "chapar author key" || 42 || salt), tag = nonce || HMAC-SHA256(K, "chapar
        // author tag" || 1001 || nonce)[0..16]
        AuthorKey key = AuthorKey.derive("correct horse battery", 42, SALT);
        assertThat(HEX.formatHex(key.bytes().toByteArray()))
                .isEqualTo("44a677c5797fcc06f824140c67710d8038e837c6c19ba4d3e17d84569cff963e");
        assertThat(HEX.formatHex(key.tag(1001, NONCE).toByteArray()))
                .isEqualTo("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "4a86ed4a7a2814535bbe856cc53f9023");
    }

    @Test
    void everyPostGetsAFreshTagThatOnlyTheKeyThatMadeItVerifiesInItsChat() {
        AuthorKey alice = AuthorKey.derive("correct horse battery", 42, SALT);
        ByteString first = alice.tag(1001);
        ByteString second = alice.tag(1001);

        assertThat(first.size()).isEqualTo(32);
        assertThat(first).isNotEqualTo(second);
        assertThat(alice.made(1001, first)).isTrue();
        assertThat(alice.made(1001, second)).isTrue();
        assertThat(alice.made(1002, first)).as("another chat").isFalse();
        assertThat(alice.made(1001, first.substring(0, 31))).isFalse();
        assertThat(alice.made(1001, ByteString.EMPTY)).isFalse();
        byte[] flipped = first.toByteArray();
        flipped[31] ^= 1;
        assertThat(alice.made(1001, ByteString.copyFrom(flipped))).isFalse();
    }

    @Test
    void theKeyNeedsThePasswordTheUserAndTheSalt() {
        ByteString key = AuthorKey.derive("correct horse battery", 42, SALT).bytes();
        ByteString otherSalt = ByteString.copyFrom(new byte[16]);

        assertThat(AuthorKey.derive("correct horse battery!", 42, SALT).bytes()).isNotEqualTo(key);
        assertThat(AuthorKey.derive("correct horse battery", 43, SALT).bytes()).isNotEqualTo(key);
        assertThat(AuthorKey.derive("correct horse battery", 42, otherSalt).bytes())
                .isNotEqualTo(key);
        assertThat(AuthorKey.derive("correct horse battery", 42, SALT).bytes()).isEqualTo(key);
    }
}
