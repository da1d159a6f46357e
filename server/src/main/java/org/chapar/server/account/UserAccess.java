package org.chapar.server.account;

import org.chapar.server.core.Randoms;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may name a user by id. User ids are small sequential numbers, so an id alone proves nothing:
 * a request that names a user it has no private chat with must carry the user's access hash, which
 * the server puts in every User it sends and which nobody can compute without the server's secret.
 * Without it the answer is the one for an id that does not exist. See docs/adr/0007.
 *
 * <p>The hash is HMAC-SHA256(secret, user id) cut to 63 bits, the same for every viewer: whoever
 * was shown the user could as well resolve their public @username, so a per-viewer hash would
 * protect nothing more, and one per user lets peers be passed on like usernames.
 */
public final class UserAccess {
    private static final String KEY = "user-access";
    private static final int KNOWN_SLOTS = 1 << 16;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * Hashes computed before, one slot per id modulo the size: every User the server sends asks for
     * one. Ids are sequential, so the newest accounts fill distinct slots. Threads share the slots
     * without locks: a {@link Known} is immutable, so a thread sees a whole one or an older one,
     * and either a match or a miss that computes the hash again.
     */
    private final Known[] known = new Known[KNOWN_SLOTS];

    private record Known(long userId, long hash) {}

    public UserAccess(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs =
                ThreadLocal.withInitial(
                        () -> {
                            try {
                                Mac mac = Mac.getInstance("HmacSHA256");
                                mac.init(key);
                                return mac;
                            } catch (GeneralSecurityException e) {
                                throw new IllegalStateException(e);
                            }
                        });
    }

    /** The secret kept in the store, created on the first start. */
    public static UserAccess open(Store store) {
        return new UserAccess(
                store.write(tx -> tx.serverKeys().getOrCreate(KEY, () -> Randoms.bytes(32)))
                        .join());
    }

    public long hash(long userId) {
        int slot = (int) (userId & (KNOWN_SLOTS - 1));
        Known k = known[slot];
        if (k != null && k.userId() == userId) {
            return k.hash();
        }
        byte[] mac = macs.get().doFinal(ByteBuffer.allocate(8).putLong(userId).array());
        long hash = ByteBuffer.wrap(mac).getLong() & Long.MAX_VALUE;
        known[slot] = new Known(userId, hash);
        return hash;
    }

    /**
     * Whether {@code viewer} may name {@code userId}: themself, a user they have a private chat
     * with, or anyone whose access hash they give.
     */
    public boolean mayName(StoreTx tx, long viewer, long userId, long accessHash) {
        return userId == viewer
                || MessageDigest.isEqual(
                        ByteBuffer.allocate(8).putLong(hash(userId)).array(),
                        ByteBuffer.allocate(8).putLong(accessHash).array())
                || tx.chats().findPrivateChat(viewer, userId).isPresent();
    }
}
