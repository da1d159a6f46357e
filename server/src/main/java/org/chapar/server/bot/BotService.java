package org.chapar.server.bot;

import org.chapar.protocol.BotCommand;
import org.chapar.protocol.BotCommandList;
import org.chapar.protocol.BotToken;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.UserList;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.account.Usernames;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;
import org.chapar.server.core.Randoms;
import org.chapar.server.privacy.Privacy;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bot accounts: created by a user (the CLI's {@code bot create}, or @BotFather), their tokens
 * issued and reissued, what they say about themselves. A bot is an account flagged as one, with a
 * password hash that no password verifies: it signs in only by its token.
 */
public final class BotService {
    /** Matches no Argon2id encoding, so no password ever logs in as a bot. */
    static final String NO_PASSWORD = "!bot";

    private static final int AUTHOR_SALT_BYTES = 16;

    /** How many bots one user may own: Telegram's limit. */
    static final int MAX_BOTS_PER_OWNER = 20;

    /** What a deleted bot's account is called from then on. */
    static final String DELETED_NAME = "Deleted Bot";

    private final Store store;
    private final Clock clock;
    private final UserViews users;

    public BotService(Store store, Clock clock, UserViews users) {
        this.store = store;
        this.clock = clock;
        this.users = users;
    }

    /** A signed-in bot: its account and its bot row. */
    record Session(AccountRecord account, BotRecord bot) {
        long id() {
            return account.id();
        }
    }

    public CompletableFuture<BotToken> create(long owner, String rawUsername, String rawName) {
        String username = requireBotUsername(rawUsername);
        String name = Names.clean(rawName, 64, "A bot's name");
        String display = name.isEmpty() ? username : name;
        String secret = BotTokens.newSecret();
        long now = clock.millis() / 1000;
        return store.write(
                tx -> {
                    AccountRecord me = ownerAccount(tx, owner);
                    if (tx.bots().byOwner(me.id()).size() >= MAX_BOTS_PER_OWNER) {
                        throw new ApiException(
                                ErrorCode.BOT_LIMIT,
                                "You own " + MAX_BOTS_PER_OWNER + " bots: delete one first");
                    }
                    // anyone may add a bot to a chat, as on Telegram (can_join_groups)
                    long id =
                            insert(
                                    tx,
                                    username,
                                    display,
                                    me.id(),
                                    BotTokens.hash(secret),
                                    PrivacyAudience.EVERYBODY,
                                    now);
                    AccountRecord bot = tx.accounts().byId(id).orElseThrow();
                    return answer(tx, bot, owner, secret);
                });
    }

    /**
     * The server's own bot of that username, created (owning itself, with a token nobody is given,
     * and nobody allowed to add it to chats) if no account holds the name; empty if a person or a
     * chat holds it.
     */
    CompletableFuture<Optional<Long>> system(String username, String name) {
        long now = clock.millis() / 1000;
        return store.write(
                tx -> {
                    Optional<AccountRecord> held = tx.accounts().byUsername(username);
                    if (held.isPresent()) {
                        return held.filter(AccountRecord::bot).map(AccountRecord::id);
                    }
                    if (tx.usernames().owner(username).isPresent()) {
                        return Optional.<Long>empty();
                    }
                    long id = tx.accounts().create(username, name, NO_PASSWORD, now);
                    tx.authorSeeds().create(id, Randoms.bytes(AUTHOR_SALT_BYTES));
                    // it owns itself: no person can manage it
                    tx.bots().create(id, id, BotTokens.hash(BotTokens.newSecret()), now);
                    tx.privacy()
                            .put(
                                    id,
                                    new Privacy(
                                            Privacy.DEFAULT.lastSeen(), PrivacyAudience.NOBODY));
                    return Optional.of(id);
                });
    }

    private static long insert(
            StoreTx tx,
            String username,
            String display,
            long owner,
            byte[] secretHash,
            PrivacyAudience invites,
            long now) {
        long id = tx.accounts().create(username, display, NO_PASSWORD, now);
        tx.authorSeeds().create(id, Randoms.bytes(AUTHOR_SALT_BYTES));
        tx.bots().create(id, owner, secretHash, now);
        tx.privacy().put(id, new Privacy(Privacy.DEFAULT.lastSeen(), invites));
        return id;
    }

    /** A new secret for the owner's bot: the old token stops working at once. */
    public CompletableFuture<BotToken> regenerate(long owner, String rawUsername) {
        String secret = BotTokens.newSecret();
        return store.write(
                tx -> {
                    AccountRecord bot = owned(tx, owner, rawUsername);
                    tx.bots().setSecretHash(bot.id(), BotTokens.hash(secret));
                    return answer(tx, bot, owner, secret);
                });
    }

    /** The owner's bots, oldest first, as the owner sees them. */
    public CompletableFuture<UserList> ownedBy(long owner) {
        return store.read(
                tx -> {
                    UserList.Builder out = UserList.newBuilder();
                    for (BotRecord b : tx.bots().byOwner(owner)) {
                        tx.accounts()
                                .byId(b.userId())
                                .ifPresent(a -> out.addUsers(users.render(tx, a, owner)));
                    }
                    return out.build();
                });
    }

    public CompletableFuture<Void> setDescription(long owner, String rawUsername, String text) {
        return store.write(
                tx -> {
                    tx.bots().setDescription(owned(tx, owner, rawUsername).id(), text);
                    return null;
                });
    }

    /** The owner's bot's commands, already checked ({@link BotCommands#require}). */
    public CompletableFuture<Void> setCommands(
            long owner, String rawUsername, List<BotCommands.Command> commands) {
        String json = BotCommands.json(commands);
        return store.write(
                tx -> {
                    tx.bots().setCommands(owned(tx, owner, rawUsername).id(), json);
                    return null;
                });
    }

    /**
     * Deletes the owner's bot: its token, commands, description, webhook and update queue go; the
     * account stays, for the chats it wrote in, as a {@link #DELETED_NAME} without a username, so
     * the name is free at once.
     */
    public CompletableFuture<Void> delete(long owner, String rawUsername) {
        return store.write(
                tx -> {
                    long id = owned(tx, owner, rawUsername).id();
                    tx.bots().delete(id);
                    tx.boxes().clear(id);
                    tx.accounts().retire(id, DELETED_NAME);
                    return null;
                });
    }

    /** The bot named by a token, if the token's secret is its current one. */
    CompletableFuture<Optional<Session>> authenticate(String token) {
        Optional<BotTokens.Parsed> parsed = BotTokens.parse(token);
        if (parsed.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long id = parsed.get().botId();
        return store.read(
                tx ->
                        tx.bots()
                                .byId(id)
                                .filter(
                                        b ->
                                                BotTokens.matches(
                                                        parsed.get().secret(), b.secretHash()))
                                .flatMap(b -> tx.accounts().byId(id).map(a -> new Session(a, b))));
    }

    /** The bot signed in by its id: what a webhook's answer acts as (it holds no token). */
    CompletableFuture<Optional<Session>> session(long id) {
        return store.read(
                tx ->
                        tx.bots()
                                .byId(id)
                                .flatMap(b -> tx.accounts().byId(id).map(a -> new Session(a, b))));
    }

    /** What a bot offers after "/" and its description, for any user that can see it. */
    public CompletableFuture<BotCommandList> commands(long botId) {
        return store.read(
                tx -> {
                    BotRecord b =
                            tx.bots()
                                    .byId(botId)
                                    .orElseThrow(
                                            () ->
                                                    new ApiException(
                                                            ErrorCode.USER_NOT_FOUND,
                                                            "No bot has this id"));
                    BotCommandList.Builder out =
                            BotCommandList.newBuilder().setDescription(b.description());
                    for (var c : BotCommands.parse(b.commandsJson())) {
                        out.addCommands(
                                BotCommand.newBuilder()
                                        .setCommand(c.command())
                                        .setDescription(c.description()));
                    }
                    return out.build();
                });
    }

    static String requireBotUsername(String raw) {
        return Usernames.requireBot(raw == null ? "" : raw);
    }

    private static AccountRecord ownerAccount(StoreTx tx, long owner) {
        AccountRecord me =
                tx.accounts()
                        .byId(owner)
                        .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "No user"));
        if (me.bot()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "A bot cannot create bots");
        }
        return me;
    }

    /** The caller's bot of that username; BOT_NOT_OWNED if there is none. */
    static AccountRecord owned(StoreTx tx, long owner, String rawUsername) {
        String username = Usernames.strip(rawUsername == null ? "" : rawUsername);
        return tx.accounts()
                .byUsername(username)
                .filter(AccountRecord::bot)
                .filter(a -> tx.bots().byId(a.id()).map(b -> b.ownerId() == owner).orElse(false))
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorCode.BOT_NOT_OWNED,
                                        "You have no bot called @" + username));
    }

    private BotToken answer(StoreTx tx, AccountRecord bot, long viewer, String secret) {
        return BotToken.newBuilder()
                .setBot(users.render(tx, bot, viewer))
                .setToken(BotTokens.token(bot.id(), secret))
                .build();
    }
}
