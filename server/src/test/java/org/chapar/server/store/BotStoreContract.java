package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.bot.BotRecord;
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
        assertThat(b.webhookUrl()).isEmpty();
        assertThat(b.webhookSecret()).isEmpty();
        assertThat(this.<Optional<BotRecord>>read(tx -> tx.bots().byId(owner))).isEmpty();
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
                    tx.bots().setWebhook(id, "https://example.org/hook", "s3cret");
                    return null;
                });
        BotRecord b = record(id);
        assertThat(b.secretHash()).containsExactly(rotated);
        assertThat(b.description()).isEqualTo("I help");
        assertThat(b.commandsJson()).isEqualTo("[{\"command\":\"start\"}]");
        assertThat(b.webhookUrl()).isEqualTo("https://example.org/hook");
        assertThat(b.webhookSecret()).isEqualTo("s3cret");
        BotRecord other = record(untouched);
        assertThat(other.secretHash()).containsExactly(HASH);
        assertThat(other.description()).isEmpty();
        assertThat(other.webhookUrl()).isEmpty();
        write(
                tx -> {
                    tx.bots().setWebhook(id, "", "");
                    return null;
                });
        assertThat(record(id).webhookUrl()).isEmpty();
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
}
