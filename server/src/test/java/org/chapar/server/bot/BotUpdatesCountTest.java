package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.MemberChanged;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreFixture;
import org.chapar.server.store.sqlite.SqliteStore;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.BoxEvent.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** getWebhookInfo's pending_update_count: the updates the bot would get, with its kinds. */
class BotUpdatesCountTest extends StoreFixture {
    private static final long NOW = 10 * Bots.QUEUE_RETENTION.toSeconds();

    @TempDir Path dir;

    private long bot;
    private long alice;
    private BotUpdates updates;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }

    @BeforeEach
    void aBotWithABacklog() {
        long owner = write(tx -> tx.accounts().create("owner", "Owner", "", 1));
        alice = write(tx -> tx.accounts().create("alice", "Alice", "", 1));
        bot = write(tx -> tx.accounts().create("count_bot", "Count", "", 1));
        // counting reads only the store: no sync, bus, file ids or long polls
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        updates = new BotUpdates(store, null, null, null, clock, null);
        long chat = write(tx -> tx.chats().privateChat(alice, bot, 1));
        long old = NOW - Bots.QUEUE_RETENTION.toSeconds() - 1;
        write(
                tx -> {
                    tx.bots().create(bot, owner, new byte[] {1}, 1);
                    for (int i = 1; i <= 3; i++) {
                        tx.messages().insert(MessageRecord.posted(chat, i, alice, NOW, "hi", 0));
                        long date = i == 1 ? old : NOW;
                        tx.boxes().append(bot, BoxEvent.message(Kind.NEW_MESSAGE, chat, i, date));
                    }
                    tx.boxes().append(bot, member(bot));
                    tx.boxes().append(bot, member(alice));
                    tx.boxes().append(bot, member(alice));
                    return null;
                });
    }

    private static BoxEvent member(long user) {
        byte[] body = MemberChanged.newBuilder().setUserId(user).build().toByteArray();
        return BoxEvent.of(Kind.MEMBER_CHANGED, 0, body, 1, NOW);
    }

    private long count(Optional<Set<String>> kinds) {
        return updates.count(bot, kinds).join();
    }

    @Test
    void theDefaultSetLeavesOutChatMemberAndTheDayOldMessage() {
        assertThat(count(Optional.of(Set.of()))).isEqualTo(2 + 1);
    }

    @Test
    void askedKindsAreCountedWhetherTheBotsOwnMembershipOrAnothers() {
        assertThat(count(Optional.of(Set.of("chat_member")))).isEqualTo(2);
        assertThat(count(Optional.of(Set.of("my_chat_member", "chat_member")))).isEqualTo(3);
        assertThat(count(Optional.of(Set.of("message", "chat_member")))).isEqualTo(4);
    }

    @Test
    void withoutKindsGivenThoseGetUpdatesStoredCountAndNothingIsConfirmed() {
        updates.allow(bot, List.of("chat_member")).join();
        assertThat(count(Optional.empty())).isEqualTo(2);
        assertThat(read(tx -> tx.bots().byId(bot)).orElseThrow().confirmedPts()).isZero();
        updates.confirm(bot, 3).join();
        assertThat(count(Optional.of(Set.of("message")))).isEqualTo(1);
    }
}
