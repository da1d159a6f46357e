package org.chapar.server.bot;

import org.chapar.protocol.MediaKind;
import org.chapar.server.core.Randoms;
import org.chapar.server.store.Store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telegram's file_id and file_unique_id over Chapar's files (docs/adr/0030-bot-media.md).
 *
 * <p>A file_id is {@code base64url(version, kind, thumb, file id (16 bytes), tag)} where the tag is
 * 16 bytes of HMAC-SHA256 under a server key over the bot's id and the rest: it names one file (or
 * one thumbnail) as one kind, for one bot, and no one without the key can make another. Holding one
 * is not enough: each use also checks that the bot can see a message using the file now. The
 * file_unique_id is an HMAC of the file alone, the same for every bot, useless to download.
 */
final class BotFileIds {
    private static final byte VERSION = 1;
    private static final int ID_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int PAYLOAD = 3 + ID_BYTES;

    /** A poster's or document's thumbnail: downloadable, not sendable (as on Telegram). */
    static final int THUMBNAIL = 100;

    /** What a file_id names: a Chapar file id, the thumbnail type ("" the file), the kind. */
    record Named(int kind, String fileId, String thumb) {
        boolean is(MediaKind k) {
            return kind == k.getNumber();
        }
    }

    private final byte[] key;

    BotFileIds(byte[] key) {
        this.key = key.clone();
    }

    /** Under the deployment's key, made on first use and shared by every node. */
    static BotFileIds of(Store store) {
        return new BotFileIds(
                store.write(
                                tx ->
                                        tx.serverKeys()
                                                .getOrCreate(
                                                        "bot-file-id", () -> Randoms.bytes(32)))
                        .join());
    }

    /** The ids one bot is given. */
    Issuer forBot(long bot) {
        return new Issuer(this, bot);
    }

    record Issuer(BotFileIds ids, long bot) {
        String fileId(int kind, String fileId, String thumb) {
            return ids.fileId(bot, kind, fileId, thumb);
        }

        String uniqueId(String fileId, String thumb) {
            return ids.uniqueId(fileId, thumb);
        }
    }

    String fileId(long bot, int kind, String fileId, String thumb) {
        byte[] id = Base64.getUrlDecoder().decode(fileId);
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD + TAG_BYTES);
        b.put(VERSION).put((byte) kind).put(thumb.isEmpty() ? 0 : (byte) thumb.charAt(0)).put(id);
        b.put(tag(bot, Arrays.copyOf(b.array(), PAYLOAD)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** What the bot's file_id names; empty for anything not issued to this bot by this server. */
    Optional<Named> parse(long bot, String fileId) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(fileId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one spelling per id: the last character's unused bits are not a second valid file_id
        if (raw.length != PAYLOAD + TAG_BYTES
                || raw[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(fileId)) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(raw, PAYLOAD);
        if (!MessageDigest.isEqual(
                tag(bot, payload), Arrays.copyOfRange(raw, PAYLOAD, raw.length))) {
            return Optional.empty();
        }
        String id =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Arrays.copyOfRange(raw, 3, PAYLOAD));
        String thumb = raw[2] == 0 ? "" : String.valueOf((char) raw[2]);
        return Optional.of(new Named(raw[1] & 0xff, id, thumb));
    }

    String uniqueId(String fileId, String thumb) {
        byte[] d = mac(("unique\n" + fileId + "\n" + thumb).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 12));
    }

    private byte[] tag(long bot, byte[] payload) {
        byte[] in = ByteBuffer.allocate(8 + payload.length).putLong(bot).put(payload).array();
        return Arrays.copyOf(mac(in), TAG_BYTES);
    }

    private byte[] mac(byte[] in) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
