package org.chapar.server.account;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.chapar.server.core.Randoms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so the cost can be raised later and old hashes
 * still verify with the parameters they were made with.
 */
public final class PasswordHasher {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private final Params params;

    /** Cost parameters; the defaults follow OWASP's recommendation for Argon2id (19 MiB, t=2). */
    public record Params(int memoryKib, int iterations, int parallelism) {
        public static Params defaults() {
            return new Params(19_456, 2, 1);
        }

        /** The cheapest setting: for tests and benchmarks that create thousands of accounts. */
        public static Params cheap() {
            return new Params(64, 1, 1);
        }

        public static Params fromSystemProperties() {
            Params d = defaults();
            return new Params(
                    Integer.getInteger("chapar.argon2.memoryKib", d.memoryKib()),
                    Integer.getInteger("chapar.argon2.iterations", d.iterations()),
                    Integer.getInteger("chapar.argon2.parallelism", d.parallelism()));
        }
    }

    public PasswordHasher(Params params) {
        this.params = params;
    }

    public String hash(String password) {
        byte[] salt = Randoms.bytes(16);
        byte[] out =
                derive(
                        password,
                        salt,
                        params.memoryKib(),
                        params.iterations(),
                        params.parallelism());
        return "$argon2id$v=19$m="
                + params.memoryKib()
                + ",t="
                + params.iterations()
                + ",p="
                + params.parallelism()
                + "$"
                + B64.encodeToString(salt)
                + "$"
                + B64.encodeToString(out);
    }

    public boolean verify(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int v = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = v;
                case 't' -> t = v;
                case 'p' -> p = v;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, p));
    }

    private static byte[] derive(
            String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Parameters parameters =
                new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withSalt(salt)
                        .withMemoryAsKB(memoryKib)
                        .withIterations(iterations)
                        .withParallelism(parallelism)
                        .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
