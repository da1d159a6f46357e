package org.chapar.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Session tokens are 256 random bits, so a plain SHA-256 of them is as strong a stored form as a
 * slow hash and can be looked up by equality.
 */
final class Tokens {
    private Tokens() {}

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
