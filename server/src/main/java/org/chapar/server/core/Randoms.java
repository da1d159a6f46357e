package org.chapar.server.core;

import java.security.SecureRandom;
import java.util.Base64;

/** Unpredictable identifiers and secrets, all from one {@link SecureRandom}. */
public final class Randoms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {}

    /** A positive, non-zero 63-bit id (session ids and other ids that must not be guessable). */
    public static long positiveId() {
        long id;
        do {
            id = RANDOM.nextLong() & Long.MAX_VALUE;
        } while (id == 0);
        return id;
    }

    /** A 256-bit secret, URL-safe base64 without padding. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
