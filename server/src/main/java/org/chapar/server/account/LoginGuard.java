package org.chapar.server.account;

import org.chapar.server.core.ApiException;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.ratelimit.RateLimits;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Decides whether a password may be tried now, before the slow hash runs.
 *
 * <p>An attempt is counted when it arrives, not when its hash is done: counting afterwards let a
 * parallel flood through at the speed of hashing. A stranger's attempt takes a token from the
 * username's bucket and from the address's; a login from a known device (one that presents the
 * cookie of an earlier login to the same account) takes one from that device's own bucket only, so
 * guesses by others never lock the owner out. A correct password gives its tokens back.
 *
 * <p>Login hashes in flight (queued or running) are bounded too, so a flood waits for nobody's CPU
 * but its own: one per bucket and {@code maxHashes} in all; an attempt that finds no slot is told
 * FLOOD_WAIT at once, still counted, instead of queueing behind the flood.
 */
final class LoginGuard {
    private static final long SLOT_RETRY_MS = 250;

    private final RateLimiter perUsername;
    private final RateLimiter perAddress;
    private final RateLimiter perDevice;
    private final RateLimiter registerPerAddress;
    private final Semaphore slots;
    private final Set<Object> hashing = ConcurrentHashMap.newKeySet();

    LoginGuard(RateLimits limits, Clock clock, int maxHashes) {
        this.perUsername = new RateLimiter(limits.loginPerUsername(), clock);
        this.perAddress = new RateLimiter(limits.loginPerAddress(), clock);
        this.perDevice = new RateLimiter(limits.loginPerDevice(), clock);
        this.registerPerAddress = new RateLimiter(limits.registerPerAddress(), clock);
        this.slots = new Semaphore(maxHashes);
    }

    /**
     * Reserves a login attempt for the username (lower-cased), from an unknown device at the
     * address, or from the known device whose cookie hashes to {@code knownDevice} (null if none).
     */
    Attempt login(String usernameKey, Object address, byte[] knownDevice) {
        Attempt a = new Attempt();
        if (knownDevice != null) {
            String device = HexFormat.of().formatHex(knownDevice);
            a.reserve(perDevice, device);
            a.enterSlot(List.of("device", device));
        } else {
            a.reserve(perUsername, usernameKey);
            a.reserve(perAddress, address);
            a.enterSlot(List.of("username", usernameKey));
        }
        return a;
    }

    /**
     * Counts a registration from the address, before its hash; registrations always count. They
     * take no hashing slot: their per-address budget is far smaller than that of logins, and
     * registrations come in bursts (a school signing up a class) that a slot bound would refuse.
     */
    void register(Object address) {
        registerPerAddress.acquire(address);
    }

    /** One reserved attempt: {@link #succeeded} if the password was right, then close. */
    final class Attempt implements AutoCloseable {
        private record Token(RateLimiter limiter, Object key) {}

        private final List<Token> tokens = new ArrayList<>(2);
        private Object slot;
        private boolean hasSlot;

        private void reserve(RateLimiter limiter, Object key) {
            long wait = limiter.tryAcquire(key);
            if (wait > 0) {
                giveBack();
                throw ApiException.floodWait(wait);
            }
            tokens.add(new Token(limiter, key));
        }

        /** Refused without a slot, the attempt still counts: it arrived. */
        private void enterSlot(Object key) {
            if (!hashing.add(key)) {
                throw ApiException.floodWait(SLOT_RETRY_MS);
            }
            if (!slots.tryAcquire()) {
                hashing.remove(key);
                throw ApiException.floodWait(SLOT_RETRY_MS);
            }
            slot = key;
            hasSlot = true;
        }

        /** The password was right: this login does not count against anyone. */
        void succeeded() {
            giveBack();
        }

        private void giveBack() {
            for (Token t : tokens) {
                t.limiter().release(t.key());
            }
            tokens.clear();
        }

        /** Frees the hashing slot. */
        @Override
        public void close() {
            if (hasSlot) {
                hasSlot = false;
                slots.release();
                hashing.remove(slot);
            }
        }
    }
}
