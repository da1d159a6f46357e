package org.chapar.server.account;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;
import org.chapar.server.core.Randoms;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Accounts and device sessions: registration, login, token authentication, logout, listing and
 * revoking sessions. Password hashing is slow on purpose and runs on its own bounded executor,
 * never on an event loop or the store writer.
 */
public final class AccountService {
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 256;
    private static final int MAX_DISPLAY_NAME = 64;
    private static final long DAY = 86_400;

    private static final int KNOWN_DEVICES_KEPT = 20;
    private static final int AUTHOR_SALT_BYTES = 16;

    private final Store store;
    private final PasswordHasher hasher;
    private final ExecutorService hashing;
    private final Clock clock;
    private final LoginGuard guard;
    private final String dummyHash;

    /**
     * A fresh session: the token is shown to the client once and stored only as a hash, like the
     * device cookie (empty when the session was resumed by token). The author salt is the
     * account's, from which its devices derive their author key with the password
     * (docs/adr/0012-author-tags.md).
     */
    public record NewSession(
            AccountRecord account,
            long sessionId,
            String token,
            String cookie,
            byte[] authorSalt) {}

    /** What a login found before hashing: the account, and whether the device is known to it. */
    private record Claimant(Optional<AccountRecord> account, byte[] knownDevice) {}

    /**
     * @param maxHashes login password hashes in flight (queued or running) at most
     */
    public AccountService(
            Store store,
            PasswordHasher hasher,
            ExecutorService hashing,
            int maxHashes,
            Clock clock,
            RateLimits limits) {
        this.store = store;
        this.hasher = hasher;
        this.hashing = hashing;
        this.clock = clock;
        this.guard = new LoginGuard(limits, clock, maxHashes);
        this.dummyHash = hasher.hash("timing-equalizer");
    }

    public CompletableFuture<NewSession> register(
            String rawUsername,
            String password,
            String displayName,
            String device,
            Object address) {
        String username = Usernames.require(rawUsername);
        checkPassword(password);
        String name = displayName(displayName, username);
        String dev = deviceName(device);
        guard.register(address);
        return CompletableFuture.supplyAsync(() -> hasher.hash(password), hashing)
                .thenCompose(
                        hash ->
                                store.write(
                                        tx -> {
                                            long now = now();
                                            long id =
                                                    tx.accounts().create(username, name, hash, now);
                                            tx.authorSeeds()
                                                    .create(id, Randoms.bytes(AUTHOR_SALT_BYTES));
                                            AccountRecord account =
                                                    new AccountRecord(
                                                            id, username, name, hash, now, 0);
                                            return newSession(tx, account, dev, null, now);
                                        }));
    }

    /**
     * Checks the password and opens a session. The attempt is reserved before the hash runs (see
     * {@link LoginGuard}); a known device's cookie gives it its own budget.
     */
    public CompletableFuture<NewSession> login(
            String rawUsername, String password, String device, String cookie, Object address) {
        String username = Usernames.strip(rawUsername == null ? "" : rawUsername);
        String key = username.toLowerCase(Locale.ROOT);
        String dev = deviceName(device);
        byte[] cookieHash =
                cookie == null || cookie.isEmpty() || cookie.length() > 128
                        ? null
                        : Tokens.hash(cookie);
        return store.read(
                        tx -> {
                            Optional<AccountRecord> account = tx.accounts().byUsername(username);
                            boolean known =
                                    cookieHash != null
                                            && account.isPresent()
                                            && tx.sessions()
                                                    .deviceOwner(cookieHash)
                                                    .filter(u -> u == account.get().id())
                                                    .isPresent();
                            return new Claimant(account, known ? cookieHash : null);
                        })
                .thenCompose(
                        claimant -> {
                            LoginGuard.Attempt attempt =
                                    guard.login(key, address, claimant.knownDevice());
                            return CompletableFuture.supplyAsync(
                                            () -> verify(claimant.account(), password, attempt),
                                            hashing)
                                    .whenComplete((x, e) -> attempt.close())
                                    .thenCompose(
                                            account ->
                                                    store.write(
                                                            tx ->
                                                                    newSession(
                                                                            tx,
                                                                            account,
                                                                            dev,
                                                                            claimant.knownDevice()
                                                                                            == null
                                                                                    ? null
                                                                                    : cookie,
                                                                            now())));
                        });
    }

    /** Verifies against a dummy hash for unknown names, so that timing does not tell them apart. */
    private AccountRecord verify(
            Optional<AccountRecord> account, String password, LoginGuard.Attempt attempt) {
        boolean ok =
                hasher.verify(
                                password == null ? "" : password,
                                account.map(AccountRecord::passwordHash).orElse(dummyHash))
                        && account.isPresent();
        if (!ok) {
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password");
        }
        attempt.succeeded();
        return account.get();
    }

    /** Resolves a token to its session and account; AUTH_INVALID if it is unknown or revoked. */
    public CompletableFuture<NewSession> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw new ApiException(ErrorCode.AUTH_INVALID, "Unknown or revoked session token");
        }
        byte[] hash = Tokens.hash(token);
        return store.read(tx -> tx.sessions().byTokenHash(hash).flatMap(s -> resumed(tx, s)))
                .thenApply(
                        found ->
                                found.orElseThrow(
                                        () ->
                                                new ApiException(
                                                        ErrorCode.AUTH_INVALID,
                                                        "Unknown or revoked session token")));
    }

    private Optional<NewSession> resumed(StoreTx tx, SessionRecord s) {
        return tx.accounts()
                .byId(s.userId())
                .map(
                        a -> {
                            touchIfStale(s);
                            return new NewSession(a, s.id(), "", "", authorSalt(tx, a.id()));
                        });
    }

    /** Every account has its salt from its creation (or from migration V9). */
    private static byte[] authorSalt(StoreTx tx, long userId) {
        return tx.authorSeeds()
                .get(userId)
                .orElseThrow(() -> new IllegalStateException("account has no author salt"));
    }

    /** Keeps last-active to day precision: enough to spot a stale session, no finer trail. */
    private void touchIfStale(SessionRecord s) {
        long today = now() / DAY * DAY;
        if (s.lastActive() < today) {
            store.write(
                    tx -> {
                        tx.sessions().touch(s.id(), today);
                        return null;
                    });
        }
    }

    public CompletableFuture<Boolean> revoke(long userId, long sessionId) {
        return store.write(tx -> tx.sessions().delete(userId, sessionId));
    }

    /** Whether the session still exists: a connection logged in with it may stay. */
    public CompletableFuture<Boolean> alive(long userId, long sessionId) {
        return store.read(tx -> tx.sessions().exists(userId, sessionId));
    }

    public CompletableFuture<List<SessionRecord>> sessions(long userId) {
        return store.read(tx -> tx.sessions().byUser(userId));
    }

    public CompletableFuture<AccountRecord> account(long userId) {
        return store.read(
                tx ->
                        tx.accounts()
                                .byId(userId)
                                .orElseThrow(
                                        () ->
                                                new ApiException(
                                                        ErrorCode.USER_NOT_FOUND, "No such user")));
    }

    /**
     * Sets what is given (null: left as it is) in one write: a refused username changes nothing.
     */
    public CompletableFuture<AccountRecord> updateProfile(
            long userId, String displayName, String username) {
        String name = displayName == null ? null : displayName(displayName, null);
        String handle = username == null ? null : Usernames.require(username);
        return store.write(
                tx -> {
                    AccountRecord before = tx.accounts().byId(userId).orElseThrow();
                    if (handle != null && before.bot()) {
                        Usernames.requireBot(handle);
                    }
                    if (name != null) {
                        tx.accounts().setDisplayName(userId, name);
                    }
                    if (handle != null && !handle.equals(before.username())) {
                        tx.accounts().setUsername(userId, handle);
                    }
                    return tx.accounts().byId(userId).orElseThrow();
                });
    }

    /**
     * Opens the session; a device without a valid cookie (null) is given a new one and is known
     * from now on.
     */
    private NewSession newSession(
            StoreTx tx, AccountRecord account, String device, String cookie, long now) {
        String token = Randoms.token();
        long id = Randoms.positiveId();
        tx.sessions()
                .create(
                        new SessionRecord(
                                id,
                                account.id(),
                                Tokens.hash(token),
                                device,
                                now,
                                now / DAY * DAY));
        String deviceCookie = cookie;
        if (deviceCookie == null) {
            deviceCookie = Randoms.token();
            tx.sessions()
                    .rememberDevice(
                            account.id(), Tokens.hash(deviceCookie), now, KNOWN_DEVICES_KEPT);
        }
        return new NewSession(account, id, token, deviceCookie, authorSalt(tx, account.id()));
    }

    private static String deviceName(String requested) {
        String name = Names.clean(requested, 64, "A device name");
        return name.isEmpty() ? "unnamed device" : name;
    }

    private static void checkPassword(String password) {
        if (password == null
                || password.length() < MIN_PASSWORD
                || password.length() > MAX_PASSWORD) {
            throw new ApiException(
                    ErrorCode.PASSWORD_INVALID,
                    "A password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    private static String displayName(String requested, String fallback) {
        String name = Names.clean(requested, MAX_DISPLAY_NAME, "A display name");
        if (name.isEmpty()) {
            if (fallback == null) {
                throw ApiException.badRequest("A display name cannot be empty");
            }
            return fallback;
        }
        return name;
    }

    private long now() {
        return clock.millis() / 1000;
    }
}
