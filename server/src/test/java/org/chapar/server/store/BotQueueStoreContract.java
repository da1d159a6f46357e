package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.bot.Bots;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.BoxEvent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * What every storage adapter must do for a bot's update queue (docs/adr/0015-bot-api.md): its box
 * is trimmed by age and by what it confirmed, never past an unconfirmed event by count. Adapters
 * under test keep 16 events per user's box.
 */
public abstract class BotQueueStoreContract extends StoreFixture {
    private static final int RETENTION = 16;
    private static final long DAY = Bots.QUEUE_RETENTION.toSeconds();

    private long account(String name) {
        return write(tx -> tx.accounts().create(name, name, "", 1));
    }

    private long bot(String name) {
        long owner = account(name + "_owner");
        long id = account(name);
        write(
                tx -> {
                    tx.bots().create(id, owner, new byte[] {1}, 1);
                    return null;
                });
        return id;
    }

    private void append(long box, int n, long date) {
        write(
                tx -> {
                    for (int i = 0; i < n; i++) {
                        tx.boxes().append(box, BoxEvent.message(Kind.NEW_MESSAGE, 1, i + 1, date));
                    }
                    return null;
                });
    }

    private List<Long> held(long box) {
        return this.<List<BoxEvent>>read(tx -> tx.boxes().after(box, 0, 1000)).stream()
                .map(BoxEvent::pts)
                .toList();
    }

    private void confirm(long bot, long pts) {
        write(
                tx -> {
                    tx.bots().confirm(bot, pts);
                    return null;
                });
    }

    @Test
    void aBotsBoxKeepsWhatItHasNotConfirmedPastTheCountAUsersBoxIsTrimmedTo() {
        long user = account("someone");
        long bot = bot("queue_bot");
        append(user, 40, 1000);
        append(bot, 40, 1000);
        assertThat(held(user)).hasSizeBetween(RETENTION, 40 - 1).endsWith(40L);
        assertThat(held(bot)).hasSize(40).startsWith(1L).endsWith(40L);

        // once confirmed, the count applies again, but never beyond what was confirmed
        confirm(bot, 30);
        append(bot, 2, 1000);
        assertThat(held(bot).getFirst()).isEqualTo(42L - RETENTION + 1);
        confirm(bot, 42);
        append(bot, 20, 1000);
        assertThat(held(bot)).as("20 unconfirmed, more than the count").hasSize(20).startsWith(43L);
    }

    @Test
    void aBotsBoxLosesWhatIsOlderThanItsRetentionConfirmedOrNot() {
        long bot = bot("aged_bot");
        append(bot, 20, 1000);
        append(bot, 1, 1000 + DAY - 5);
        assertThat(held(bot)).as("nothing is a day old yet").hasSize(21);
        append(bot, 3, 1000 + DAY + 1);
        assertThat(held(bot)).containsExactly(21L, 22L, 23L, 24L);
    }
}
