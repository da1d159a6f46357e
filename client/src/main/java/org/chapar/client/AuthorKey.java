package org.chapar.client;

import com.google.protobuf.ByteString;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user's author key, which only their devices hold (docs/adr/0012-author-tags.md): K =
 * Argon2id(password, "chapar author key" || user id || author salt), the salt being the account's
 * random bytes from {@code Authorization.author_salt}. A post's tag is a fresh nonce followed by
 * the first 16 bytes of HMAC-SHA256(K, "chapar author tag" || chat id || nonce), ids 8-byte
 * big-endian (protocol/README.md, "Recognising your own posts"): random-looking to anyone without K
 * and different for every post, so tags neither name nor link their author.
 */
final class AuthorKey {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 16;
    static final int TAG_BYTES = 32;

    // Fixed by the protocol: every device of the user must derive the same key. OWASP's minimum
    // for Argon2id, paid once per password login.
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;

    private static final byte[] KEY_LABEL = "chapar author key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_LABEL = "chapar author tag".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ByteString key;

    AuthorKey(ByteString key) {
        if (key.size() != KEY_BYTES) {
            throw new IllegalArgumentException("an author key is " + KEY_BYTES + " bytes");
        }
        this.key = key;
    }

    /** The key of {@code userId}, whose password and salt a Register or Login just showed. */
    static AuthorKey derive(String password, long userId, ByteString salt) {
        byte[] fullSalt =
                ByteBuffer.allocate(KEY_LABEL.length + 8 + salt.size())
                        .put(KEY_LABEL)
                        .putLong(userId)
                        .put(salt.toByteArray())
                        .array();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(
                new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withSalt(fullSalt)
                        .withMemoryAsKB(MEMORY_KIB)
                        .withIterations(ITERATIONS)
                        .withParallelism(LANES)
                        .build());
        byte[] out = new byte[KEY_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return new AuthorKey(ByteString.copyFrom(out));
    }

    ByteString bytes() {
        return key;
    }

    /** A new tag for a post into {@code chatId}. */
    ByteString tag(long chatId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return tag(chatId, nonce);
    }

    ByteString tag(long chatId, byte[] nonce) {
        return ByteString.copyFrom(nonce).concat(ByteString.copyFrom(mac(chatId, nonce)));
    }

    /** Whether this key made {@code tag} for a post in {@code chatId} (in constant time). */
    boolean made(long chatId, ByteString tag) {
        if (tag.size() != TAG_BYTES) {
            return false;
        }
        byte[] t = tag.toByteArray();
        byte[] nonce = Arrays.copyOf(t, NONCE_BYTES);
        return MessageDigest.isEqual(
                mac(chatId, nonce), Arrays.copyOfRange(t, NONCE_BYTES, TAG_BYTES));
    }

    private byte[] mac(long chatId, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.toByteArray(), "HmacSHA256"));
            mac.update(TAG_LABEL);
            mac.update(ByteBuffer.allocate(8).putLong(chatId).array());
            return Arrays.copyOf(mac.doFinal(nonce), TAG_BYTES - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always there", e);
        }
    }
}
