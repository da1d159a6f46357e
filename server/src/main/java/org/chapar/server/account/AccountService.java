package org.chapar.server.account;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Randoms;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;

import java.time.Clock;
import java.util.List;
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

    private final Store store;
    private final PasswordHasher hasher;
    private final ExecutorService hashing;
    private final Clock clock;
    private final RateLimiter registerPerAddress;
    private final RateLimiter loginPerUsername;
    private final RateLimiter loginPerAddress;
    private final String dummyHash;

    /** A fresh session: the token is shown to the client once and stored only as a hash. */
    public record NewSession(AccountRecord account, long sessionId, String token) {}

    public AccountService(
            Store store,
            PasswordHasher hasher,
            ExecutorService hashing,
            Clock clock,
            RateLimiter registerPerAddress,
            RateLimiter loginPerUsername,
            RateLimiter loginPerAddress) {
        this.store = store;
        this.hasher = hasher;
        this.hashing = hashing;
        this.clock = clock;
        this.registerPerAddress = registerPerAddress;
        this.loginPerUsername = loginPerUsername;
        this.loginPerAddress = loginPerAddress;
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
        registerPerAddress.acquire(address);
        return CompletableFuture.supplyAsync(() -> hasher.hash(password), hashing)
                .thenCompose(
                        hash ->
                                store.write(
                                        tx -> {
                                            if (tx.accounts().byUsername(username).isPresent()) {
                                                throw new ApiException(
                                                        ErrorCode.USERNAME_TAKEN,
                                                        "That username is taken");
                                            }
                                            long now = now();
                                            long id =
                                                    tx.accounts().create(username, name, hash, now);
                                            AccountRecord account =
                                                    new AccountRecord(
                                                            id, username, name, hash, now, 0);
                                            return newSession(tx, account, device, now);
                                        }));
    }

    public CompletableFuture<NewSession> login(
            String rawUsername, String password, String device, Object address) {
        String username = Usernames.strip(rawUsername == null ? "" : rawUsername);
        String key = username.toLowerCase(java.util.Locale.ROOT);
        long wait = Math.max(loginPerUsername.waitTime(key), loginPerAddress.waitTime(address));
        if (wait > 0) {
            throw ApiException.floodWait(wait);
        }
        return store.read(tx -> tx.accounts().byUsername(username))
                .thenApplyAsync(
                        account -> {
                            // Verify against a dummy hash for unknown names so timing does not tell
                            // them apart.
                            boolean ok =
                                    hasher.verify(
                                                    password == null ? "" : password,
                                                    account.map(AccountRecord::passwordHash)
                                                            .orElse(dummyHash))
                                            && account.isPresent();
                            if (!ok) {
                                loginPerUsername.tryAcquire(key);
                                loginPerAddress.tryAcquire(address);
                                throw new ApiException(
                                        ErrorCode.INVALID_CREDENTIALS,
                                        "Wrong username or password");
                            }
                            loginPerUsername.reset(key);
                            return account.get();
                        },
                        hashing)
                .thenCompose(account -> store.write(tx -> newSession(tx, account, device, now())));
    }

    /** Resolves a token to its session and account; AUTH_INVALID if it is unknown or revoked. */
    public CompletableFuture<NewSession> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw new ApiException(ErrorCode.AUTH_INVALID, "Unknown or revoked session token");
        }
        byte[] hash = Tokens.hash(token);
        return store.read(
                        tx ->
                                tx.sessions()
                                        .byTokenHash(hash)
                                        .flatMap(
                                                s ->
                                                        tx.accounts()
                                                                .byId(s.userId())
                                                                .map(
                                                                        a ->
                                                                                new NewSession(
                                                                                        a, s.id(),
                                                                                        ""))
                                                                .map(
                                                                        found -> {
                                                                            touchIfStale(s);
                                                                            return found;
                                                                        })))
                .thenApply(
                        found ->
                                found.orElseThrow(
                                        () ->
                                                new ApiException(
                                                        ErrorCode.AUTH_INVALID,
                                                        "Unknown or revoked session token")));
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

    public CompletableFuture<AccountRecord> updateProfile(long userId, String displayName) {
        String name = displayName(displayName, null);
        return store.write(
                tx -> {
                    tx.accounts().setDisplayName(userId, name);
                    return tx.accounts().byId(userId).orElseThrow();
                });
    }

    private NewSession newSession(
            org.chapar.server.store.StoreTx tx, AccountRecord account, String device, long now) {
        String token = Randoms.token();
        long id = Randoms.positiveId();
        String dev = device == null || device.isBlank() ? "unnamed device" : clean(device, 64);
        tx.sessions()
                .create(
                        new SessionRecord(
                                id, account.id(), Tokens.hash(token), dev, now, now / DAY * DAY));
        return new NewSession(account, id, token);
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
        String name = requested == null ? "" : clean(requested, MAX_DISPLAY_NAME);
        if (name.isEmpty()) {
            if (fallback == null) {
                throw ApiException.badRequest("A display name cannot be empty");
            }
            return fallback;
        }
        return name;
    }

    /** Strips control characters and surrounding space, and cuts to at most max code points. */
    static String clean(String s, int max) {
        String stripped =
                s.codePoints()
                        .filter(c -> !Character.isISOControl(c))
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString()
                        .strip();
        return stripped.codePointCount(0, stripped.length()) <= max
                ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, max));
    }

    private long now() {
        return clock.millis() / 1000;
    }
}
