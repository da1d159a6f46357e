package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.account.AccountRecord;
import org.chapar.server.bot.BotRecord;
import org.chapar.server.bot.WebhookRecord;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

/** What every storage adapter must do for bots (docs/adr/0015-bot-api.md). */
public abstract class BotStoreContract extends StoreFixture {
    private static final byte[] HASH = {1, 2, 3, 4};

    private long account(String name) {
        return write(tx -> tx.accounts().create(name, name, "", 1));
    }

    private long bot(String name, long owner) {
        long id = account(name);
        write(
                tx -> {
                    tx.bots().create(id, owner, HASH, 5);
                    return null;
                });
        return id;
    }

    private BotRecord record(long id) {
        return this.<Optional<BotRecord>>read(tx -> tx.bots().byId(id)).orElseThrow();
    }

    @Test
    void aBotIsAnAccountWithTheFlagAndARowOfItsOwn() {
        long owner = account("owner");
        long id = bot("helper_bot", owner);
        assertThat(read(tx -> tx.accounts().byId(id)).orElseThrow().bot()).isTrue();
        assertThat(read(tx -> tx.accounts().byId(owner)).orElseThrow().bot()).isFalse();
        BotRecord b = record(id);
        assertThat(b.userId()).isEqualTo(id);
        assertThat(b.ownerId()).isEqualTo(owner);
        assertThat(b.secretHash()).containsExactly(HASH);
        assertThat(b.description()).isEmpty();
        assertThat(b.commandsJson()).isEqualTo("[]");
        assertThat(b.confirmedPts()).isZero();
        assertThat(b.allowedUpdates()).as("Telegram's default set").isEmpty();
        assertThat(this.<Optional<BotRecord>>read(tx -> tx.bots().byId(owner))).isEmpty();
    }

    @Test
    void getUpdatesAllowedKindsAreKeptPerBotUntilSetAgain() {
        long owner = account("owner");
        long id = bot("asks_bot", owner);
        long other = bot("other_bot", owner);
        write(
                tx -> {
                    tx.bots().setAllowedUpdates(id, "chat_member,message");
                    return null;
                });
        assertThat(record(id).allowedUpdates()).isEqualTo("chat_member,message");
        assertThat(record(other).allowedUpdates()).isEmpty();
        write(
                tx -> {
                    tx.bots().setAllowedUpdates(id, "");
                    return null;
                });
        assertThat(record(id).allowedUpdates()).isEmpty();
    }

    @Test
    void aDeletedBotLosesItsRowWebhookAndQueueAndItsAccountItsName() {
        long owner = account("owner");
        long id = bot("gone_bot", owner);
        long kept = bot("kept_bot", owner);
        write(
                tx -> {
                    tx.webhooks().set(id, "https://example.org/a", "", 40, List.of(), 1, 100);
                    tx.boxes().append(id, BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 9, 1, 1));
                    tx.boxes().append(kept, BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 9, 1, 1));
                    return null;
                });
        write(
                tx -> {
                    tx.bots().delete(id);
                    tx.boxes().clear(id);
                    tx.accounts().retire(id, "Deleted Bot");
                    return null;
                });
        assertThat(this.<Optional<BotRecord>>read(tx -> tx.bots().byId(id))).isEmpty();
        assertThat(this.<Optional<WebhookRecord>>read(tx -> tx.webhooks().byBot(id))).isEmpty();
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(id, 0, 10))).isEmpty();
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(kept, 0, 10))).hasSize(1);
        AccountRecord a = read(tx -> tx.accounts().byId(id)).orElseThrow();
        assertThat(a.username()).isEmpty();
        assertThat(a.displayName()).isEqualTo("Deleted Bot");
        assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername("gone_bot")))
                .isEmpty();
        assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername("")))
                .isEmpty();
        // the name is free for a new account
        long again = account("gone_bot");
        assertThat(again).isNotEqualTo(id);
        assertThat(record(kept).ownerId()).isEqualTo(owner);
    }

    @Test
    void anOwnersBotsAreListedOldestFirstAndNobodyElses() {
        long owner = account("owner");
        long other = account("other");
        long first = bot("first_bot", owner);
        long theirs = bot("their_bot", other);
        long second = bot("second_bot", owner);
        assertThat(this.<List<BotRecord>>read(tx -> tx.bots().byOwner(owner)))
                .extracting(BotRecord::userId)
                .containsExactly(first, second);
        assertThat(this.<List<BotRecord>>read(tx -> tx.bots().byOwner(other)))
                .extracting(BotRecord::userId)
                .containsExactly(theirs);
        assertThat(this.<List<BotRecord>>read(tx -> tx.bots().byOwner(first))).isEmpty();
    }

    @Test
    void settingsChangeOnlyTheirBot() {
        long owner = account("owner");
        long id = bot("set_bot", owner);
        long untouched = bot("other_bot", owner);
        byte[] rotated = {9, 9};
        write(
                tx -> {
                    tx.bots().setSecretHash(id, rotated);
                    tx.bots().setDescription(id, "I help");
                    tx.bots().setCommands(id, "[{\"command\":\"start\"}]");
                    return null;
                });
        BotRecord b = record(id);
        assertThat(b.secretHash()).containsExactly(rotated);
        assertThat(b.description()).isEqualTo("I help");
        assertThat(b.commandsJson()).isEqualTo("[{\"command\":\"start\"}]");
        BotRecord other = record(untouched);
        assertThat(other.secretHash()).containsExactly(HASH);
        assertThat(other.description()).isEmpty();
    }

    /** A late confirm of an older offset (a slow webhook answer) must not redeliver anything. */
    @Test
    void theConfirmedPtsNeverMovesBack() {
        long id = bot("pts_bot", account("owner"));
        write(
                tx -> {
                    tx.bots().confirm(id, 7);
                    return null;
                });
        assertThat(record(id).confirmedPts()).isEqualTo(7);
        write(
                tx -> {
                    tx.bots().confirm(id, 3);
                    return null;
                });
        assertThat(record(id).confirmedPts()).isEqualTo(7);
        write(
                tx -> {
                    tx.bots().confirm(id, 12);
                    return null;
                });
        assertThat(record(id).confirmedPts()).isEqualTo(12);
    }

    private Optional<WebhookRecord> webhook(long id) {
        return read(tx -> tx.webhooks().byBot(id));
    }

    @Test
    void aWebhookIsSetReplacedWithItsErrorClearedAndDeleted() {
        long id = bot("hook_bot", account("owner"));
        long other = bot("plain_bot", account("someone"));
        assertThat(webhook(id)).isEmpty();
        write(
                tx -> {
                    tx.webhooks().set(id, "https://example.org/a", "s3cret", 40, List.of(), 7, 100);
                    tx.webhooks().failed(id, 50, "Connection refused");
                    return null;
                });
        WebhookRecord w = webhook(id).orElseThrow();
        assertThat(w.url()).isEqualTo("https://example.org/a");
        assertThat(w.secret()).isEqualTo("s3cret");
        assertThat(w.maxConnections()).isEqualTo(40);
        assertThat(w.allowedUpdates()).isEmpty();
        assertThat(w.lastErrorDate()).isEqualTo(50);
        assertThat(w.lastErrorMessage()).isEqualTo("Connection refused");
        assertThat(w.leaseNode()).isEqualTo(7);
        assertThat(w.leaseUntil()).isEqualTo(100);
        assertThat(webhook(other)).isEmpty();

        write(
                tx -> {
                    tx.webhooks()
                            .set(
                                    id,
                                    "http://example.org/b",
                                    "",
                                    5,
                                    List.of("message", "callback_query"),
                                    8,
                                    200);
                    return null;
                });
        w = webhook(id).orElseThrow();
        assertThat(w.url()).isEqualTo("http://example.org/b");
        assertThat(w.secret()).isEmpty();
        assertThat(w.maxConnections()).isEqualTo(5);
        assertThat(w.allowedUpdates()).containsExactly("message", "callback_query");
        assertThat(w.lastErrorDate()).isZero();
        assertThat(w.lastErrorMessage()).isEmpty();
        assertThat(w.leaseNode()).isEqualTo(8);

        assertThat(this.<Boolean>write(tx -> tx.webhooks().delete(id))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.webhooks().delete(id))).isFalse();
        assertThat(webhook(id)).isEmpty();
    }

    /** One sender per bot: a lease is taken only from its holder or once it ran out. */
    @Test
    void aWebhookLeaseIsClaimedOnlyWhenFreeOrOwnAndReleasedByItsNode() {
        long id = bot("lease_bot", account("owner"));
        write(
                tx -> {
                    tx.webhooks().set(id, "https://example.org/a", "", 40, List.of(), 1, 100);
                    return null;
                });
        assertThat(this.<List<Long>>read(tx -> tx.webhooks().claimable(2, 50))).isEmpty();
        assertThat(this.<Boolean>write(tx -> tx.webhooks().claim(id, 2, 50, 150))).isFalse();
        assertThat(this.<List<Long>>read(tx -> tx.webhooks().claimable(1, 50))).containsExactly(id);
        assertThat(this.<Boolean>write(tx -> tx.webhooks().claim(id, 1, 50, 160))).isTrue();
        assertThat(webhook(id).orElseThrow().leaseUntil()).isEqualTo(160);

        // the holder's lease ran out: another node takes it
        assertThat(this.<List<Long>>read(tx -> tx.webhooks().claimable(2, 161)))
                .containsExactly(id);
        assertThat(this.<Boolean>write(tx -> tx.webhooks().claim(id, 2, 161, 300))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.webhooks().claim(id, 1, 170, 400))).isFalse();

        // a node that stops gives its leases back at once
        write(
                tx -> {
                    tx.webhooks().release(2);
                    return null;
                });
        assertThat(this.<Boolean>write(tx -> tx.webhooks().claim(id, 1, 170, 400))).isTrue();
        assertThat(webhook(id).orElseThrow().leaseNode()).isEqualTo(1);
    }
}
