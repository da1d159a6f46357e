package org.chapar.server.media;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An {@code Upload-Checksum} (tus checksum extension): what one PATCH's body must hash to. The
 * checksum is not keyed, so it only catches bytes damaged on the way; {@code crc32c} does that at a
 * small part of SHA-256's cost, which the server pays once more for the content hash of every file
 * (ADR 0013 addendum). {@code sha256} stays for standard tus clients.
 */
record ChunkChecksum(Algorithm algorithm, byte[] expected) {

    enum Algorithm {
        SHA256("sha256", 32),
        CRC32C("crc32c", 4);

        final String token;
        final int bytes;

        Algorithm(String token, int bytes) {
            this.token = token;
            this.bytes = bytes;
        }
    }

    /** The server's {@code Tus-Checksum-Algorithm}. */
    static final String ADVERTISED = "sha256,crc32c";

    /** The header's value ({@code ALGORITHM BASE64}), or null without the header. */
    static ChunkChecksum parse(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw HttpError.bad("send Upload-Checksum as: sha256|crc32c <base64 digest>");
        }
        Algorithm algorithm = null;
        for (Algorithm a : Algorithm.values()) {
            if (a.token.equals(parts[0].toLowerCase(Locale.ROOT))) {
                algorithm = a;
            }
        }
        if (algorithm == null) {
            throw new HttpError(
                    HttpResponseStatus.BAD_REQUEST,
                    "CHECKSUM_ALGORITHM_UNSUPPORTED",
                    "the Upload-Checksum algorithms are " + ADVERTISED);
        }
        try {
            byte[] d = Base64.getDecoder().decode(parts[1]);
            if (d.length == algorithm.bytes) {
                return new ChunkChecksum(algorithm, d);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw HttpError.bad(
                "the Upload-Checksum digest is not "
                        + algorithm.bytes
                        + " bytes of base64 for "
                        + algorithm.token);
    }

    /** A body's running check, fed its bytes in order. */
    Running start() {
        return switch (algorithm) {
            case SHA256 -> {
                MessageDigest d = Content.digest();
                yield new Running(d::update, () -> MessageDigest.isEqual(d.digest(), expected));
            }
            case CRC32C -> {
                CRC32C c = new CRC32C();
                yield new Running(
                        c::update,
                        () ->
                                MessageDigest.isEqual(
                                        ByteBuffer.allocate(4).putInt((int) c.getValue()).array(),
                                        expected));
            }
        };
    }

    /** The running check: {@link #update} with each part of the body, then {@link #matches}. */
    record Running(Consumer<ByteBuffer> feed, BooleanSupplier check) {
        void update(ByteBuffer b) {
            feed.accept(b);
        }

        boolean matches() {
            return check.getAsBoolean();
        }
    }
}
