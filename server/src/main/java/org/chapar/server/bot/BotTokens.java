package org.chapar.server.bot;

import org.chapar.server.core.Randoms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bot tokens are {@code <bot id>:<secret>}, Telegram's shape: the id finds the row, the secret (26
 * random bytes, 35 URL-safe characters) is checked against its SHA-256. A random secret that long
 * needs no slow hash, and the plain hash lets a lost database hand out no working token.
 */
final class BotTokens {
    private static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,18}):([A-Za-z0-9_-]{35})");

    private BotTokens() {}

    /** A token as parsed: which bot it names and the secret it offers. */
    record Parsed(long botId, String secret) {}

    static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(26));
    }

    static String token(long botId, String secret) {
        return botId + ":" + secret;
    }

    static Optional<Parsed> parse(String token) {
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(Long.parseLong(m.group(1)), m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the offered secret with the stored hash. */
    static boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }
}
