package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.MessageAction;
import org.chapar.server.bot.Bots;
import org.chapar.server.bot.PendingEvents;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.BoxEvent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * What every storage adapter must do for a bot's update queue (docs/adr/0015-bot-api.md): its box
 * is trimmed by age and by what it confirmed, never past an unconfirmed event by count, and its
 * pending updates are counted in the store. Adapters under test keep 16 events per user's box.
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

    private long channel() {
        return write(
                tx ->
                        tx.sharedChats()
                                .create(
                                        new ChatRecord(
                                                0,
                                                ChatKind.CHANNEL,
                                                "News",
                                                "",
                                                "",
                                                1,
                                                false,
                                                0,
                                                0,
                                                0,
                                                0,
                                                0,
                                                1)));
    }

    /** A message stored in the chat and its event appended to the bot's box. */
    private void message(long bot, Kind kind, MessageRecord m, long date) {
        write(
                tx -> {
                    if (kind == Kind.NEW_MESSAGE) {
                        tx.messages().insert(m);
                    }
                    tx.boxes().append(bot, BoxEvent.message(kind, m.chatId(), m.id(), date));
                    return null;
                });
    }

    private void event(long bot, Kind kind, byte[] data, long date) {
        write(
                tx -> {
                    tx.boxes().append(bot, BoxEvent.of(kind, 0, data, 1, date));
                    return null;
                });
    }

    private PendingEvents pending(long bot, long pts, long since) {
        return read(tx -> tx.bots().pending(bot, pts, since));
    }

    @Test
    void pendingEventsAreCountedByTheKindOfUpdateTheyBecome() {
        long bot = bot("count_bot");
        long alice = account("alice");
        long chat = write(tx -> tx.chats().privateChat(alice, bot, 1));
        long news = channel();
        for (int i = 1; i <= 120; i++) {
            message(bot, Kind.NEW_MESSAGE, MessageRecord.posted(chat, i, alice, 5, "hi", 0), 5);
        }
        message(bot, Kind.EDIT_MESSAGE, MessageRecord.posted(chat, 1, alice, 5, "hi", 0), 5);
        // the bot's own message, a service message, one hidden for the bot: not updates
        message(bot, Kind.NEW_MESSAGE, MessageRecord.posted(chat, 121, bot, 5, "mine", 0), 5);
        MessageRecord service =
                MessageRecord.posted(chat, 122, alice, 5, "", 0)
                        .withAction(
                                MessageAction.newBuilder()
                                        .setType(MessageAction.Type.TITLE_CHANGED)
                                        .build());
        message(bot, Kind.NEW_MESSAGE, service, 5);
        message(bot, Kind.NEW_MESSAGE, MessageRecord.posted(chat, 123, alice, 5, "gone", 0), 5);
        write(
                tx -> {
                    tx.messages().hide(bot, chat, List.of(123L));
                    return null;
                });
        message(bot, Kind.NEW_MESSAGE, MessageRecord.posted(news, 1, 0, 5, "post", 0), 5);
        message(bot, Kind.EDIT_MESSAGE, MessageRecord.posted(news, 1, 0, 5, "post", 0), 5);
        message(bot, Kind.EDIT_MESSAGE, MessageRecord.posted(news, 1, 0, 5, "post", 0), 5);
        event(bot, Kind.CALLBACK_QUERY, new byte[0], 5);
        event(bot, Kind.BOT_JOIN_REQUEST, new byte[0], 5);
        event(bot, Kind.BOT_JOIN_REQUEST, new byte[0], 5);
        byte[] mine = MemberChanged.newBuilder().setUserId(bot).build().toByteArray();
        byte[] theirs = MemberChanged.newBuilder().setUserId(alice).build().toByteArray();
        event(bot, Kind.MEMBER_CHANGED, mine, 5);
        event(bot, Kind.MEMBER_CHANGED, theirs, 5);
        event(bot, Kind.READ_INBOX, new byte[0], 5);

        PendingEvents all = pending(bot, 0, 0);
        assertThat(all.messages()).isEqualTo(120);
        assertThat(all.editedMessages()).isEqualTo(1);
        assertThat(all.channelPosts()).isEqualTo(1);
        assertThat(all.editedChannelPosts()).isEqualTo(2);
        assertThat(all.callbackQueries()).isEqualTo(1);
        assertThat(all.joinRequests()).isEqualTo(2);
        assertThat(all.memberChanges()).containsExactly(mine, theirs);

        // only after the confirmed pts, and nothing older than the given date
        PendingEvents later = pending(bot, 100, 0);
        assertThat(later.messages()).isEqualTo(20);
        assertThat(later.memberChanges()).hasSize(2);
        PendingEvents none = pending(bot, 0, 6);
        assertThat(none.messages() + none.editedChannelPosts() + none.joinRequests()).isZero();
        assertThat(none.memberChanges()).isEmpty();
    }
}
