package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.InviteRecord;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.SentRef;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Two writers on one database, as two nodes would be (docs/adr/0008-store-concurrency.md): each
 * race runs two transactions that both read what a check-then-set would read, wait until the other
 * has read too, and only then write. Counters stay distinct and limits hold whatever the database
 * lets through: SQLite serialises the writes and aborts the later one (its writer runs it again); a
 * database with row locks lets both run and relies on the atomic and conditional statements.
 */
public abstract class ConcurrentWritersContract extends StoreFixture {

    /**
     * A writer of its own on the database of {@link #store}, as another node's would be. Each call
     * runs the work in its own transaction, committed before it returns; a transaction the database
     * aborted because it lost a race is run again, as the adapter's own writer does.
     */
    protected interface Writer extends AutoCloseable {
        <T> T inTransaction(Function<StoreTx, T> work);

        @Override
        void close();
    }

    protected abstract Writer openWriter() throws Exception;

    /**
     * Runs {@code first} and {@code second} in two transactions of two writers at once; each first
     * runs {@code look} and waits until both have looked. Returns their results in that order.
     */
    private <L, R> List<R> race(
            Function<StoreTx, L> look,
            BiFunction<StoreTx, L, R> first,
            BiFunction<StoreTx, L, R> second)
            throws Exception {
        CountDownLatch bothLooked = new CountDownLatch(2);
        try (Writer a = openWriter();
                Writer b = openWriter();
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<R> fa =
                    pool.submit(() -> a.inTransaction(tx -> side(tx, look, first, bothLooked)));
            Future<R> fb =
                    pool.submit(() -> b.inTransaction(tx -> side(tx, look, second, bothLooked)));
            return List.of(fa.get(), fb.get());
        }
    }

    private <L, R> List<R> race(Function<StoreTx, L> look, BiFunction<StoreTx, L, R> act)
            throws Exception {
        return race(look, act, act);
    }

    private static <L, R> R side(
            StoreTx tx,
            Function<StoreTx, L> look,
            BiFunction<StoreTx, L, R> act,
            CountDownLatch both) {
        L seen = look.apply(tx);
        both.countDown();
        try {
            // a run again after an abort finds the latch open and goes straight on
            assertThat(both.await(30, TimeUnit.SECONDS))
                    .as("the other transaction read too (it never started)")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return act.apply(tx, seen);
    }

    private long user(String name) {
        return write(tx -> tx.accounts().create(name, name, "$hash", 1000));
    }

    private long sharedChat(ChatKind kind) {
        return write(
                tx -> {
                    long chat =
                            tx.sharedChats()
                                    .create(
                                            new ChatRecord(
                                                    0, kind, "c", "", "", 1, false, 0, 0, 0, 0, 0,
                                                    1));
                    tx.members().put(MemberRecord.joined(chat, 1, MemberStatus.CREATOR, 100, 0));
                    tx.sharedChats().addMembers(chat, 1);
                    return chat;
                });
    }

    private static BoxEvent event(long chat, long message) {
        return BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat, message, 1);
    }

    @Test
    void twoAppendsToOneCommonBoxGetDistinctConsecutivePts() throws Exception {
        long u = user("boxed");
        write(tx -> tx.boxes().append(u, event(7, 1)));
        List<Long> pts =
                race(tx -> tx.boxes().head(u), (tx, head) -> tx.boxes().append(u, event(7, 2)));
        assertThat(pts).containsExactlyInAnyOrder(2L, 3L);
        assertThat(this.<Long>read(tx -> tx.boxes().head(u))).isEqualTo(3);
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(u, 0, 10)))
                .extracting(BoxEvent::pts)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void twoAppendsToOneChannelBoxGetDistinctConsecutivePts() throws Exception {
        long chat = sharedChat(ChatKind.CHANNEL);
        List<Long> pts =
                race(
                        tx -> tx.sharedChats().get(chat).orElseThrow().pts(),
                        (tx, head) -> tx.channelBoxes().append(chat, event(chat, 1)));
        assertThat(pts).containsExactlyInAnyOrder(1L, 2L);
        assertThat(this.<List<BoxEvent>>read(tx -> tx.channelBoxes().after(chat, 0, 10)))
                .extracting(BoxEvent::pts)
                .containsExactly(1L, 2L);
        assertThat(this.<Long>read(tx -> tx.sharedChats().get(chat).orElseThrow().pts()))
                .isEqualTo(2L);
    }

    @Test
    void twoSendsToOneChatGetDistinctMessageIds() throws Exception {
        long a = user("ids_a");
        long b = user("ids_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        List<Long> ids =
                race(
                        tx -> tx.messages().count(chat),
                        (tx, count) -> {
                            long id = tx.chats().nextMessageId(chat);
                            tx.messages().insert(new MessageRecord(chat, id, a, 1, "m", 0, 0));
                            return id;
                        });
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
        assertThat(this.<Long>read(tx -> tx.messages().count(chat))).isEqualTo(2L);
    }

    @Test
    void twoJoinsForTheLastSeatAdmitOne() throws Exception {
        long chat = sharedChat(ChatKind.GROUP);
        List<Boolean> admitted =
                race(
                        tx -> tx.sharedChats().get(chat).orElseThrow().membersCount(),
                        (tx, count) -> tx.sharedChats().addMember(chat, 2));
        assertThat(admitted).containsExactlyInAnyOrder(true, false);
        assertThat(
                        this.<Integer>read(
                                tx -> tx.sharedChats().get(chat).orElseThrow().membersCount()))
                .isEqualTo(2);
    }

    @Test
    void twoJoinsOfOneUserToAChannelAdmitThemOnce() throws Exception {
        long chat = sharedChat(ChatKind.CHANNEL);
        long user = user("joiner");
        List<Boolean> joined =
                race(
                        tx -> tx.members().get(chat, user).map(MemberRecord::status),
                        (tx, was) -> {
                            if (was.isPresent() && was.get() == MemberStatus.MEMBER) {
                                return false; // the other join won (seen when run again)
                            }
                            tx.members()
                                    .putIfUnchanged(
                                            MemberRecord.joined(
                                                    chat, user, MemberStatus.MEMBER, 200, 0),
                                            was.orElse(null));
                            tx.sharedChats().addMembers(chat, 1);
                            return true;
                        });
        assertThat(joined).containsExactlyInAnyOrder(true, false);
        assertThat(
                        this.<Integer>read(
                                tx -> tx.sharedChats().get(chat).orElseThrow().membersCount()))
                .isEqualTo(2);
    }

    private InviteRecord link(long chat, int usageLimit) {
        InviteRecord l =
                new InviteRecord(
                        "h" + chat, chat, 1, 10, 0, usageLimit, 0, false, false, false, "");
        write(
                tx -> {
                    tx.invites().put(l);
                    return null;
                });
        return l;
    }

    @Test
    void twoJoinsThroughALinkWithOneUseLeftUseItOnce() throws Exception {
        long chat = sharedChat(ChatKind.SUPERGROUP);
        InviteRecord l = link(chat, 1);
        List<Boolean> used =
                race(
                        tx -> tx.invites().get(l.hash()).orElseThrow().usage(),
                        (tx, usage) -> tx.invites().use(l.hash(), 20));
        assertThat(used).containsExactlyInAnyOrder(true, false);
        assertThat(this.<Integer>read(tx -> tx.invites().get(l.hash()).orElseThrow().usage()))
                .isEqualTo(1);
    }

    @Test
    void anEditOfALinkRacingAJoinKeepsTheJoinsUse() throws Exception {
        long chat = sharedChat(ChatKind.SUPERGROUP);
        InviteRecord l = link(chat, 2);
        race(
                tx -> tx.invites().get(l.hash()).orElseThrow(),
                (tx, seen) -> tx.invites().use(l.hash(), 20),
                (tx, seen) -> {
                    tx.invites()
                            .put(
                                    new InviteRecord(
                                            seen.hash(),
                                            seen.chatId(),
                                            seen.adminId(),
                                            seen.created(),
                                            seen.expireDate(),
                                            seen.usageLimit(),
                                            seen.usage(),
                                            seen.requiresApproval(),
                                            seen.revoked(),
                                            seen.primary(),
                                            "renamed"));
                    return true;
                });
        InviteRecord after = read(tx -> tx.invites().get(l.hash()).orElseThrow());
        assertThat(after.usage()).isEqualTo(1);
        assertThat(after.title()).isEqualTo("renamed");
    }

    @Test
    void twoSendsOfOneMemberInsideTheSlowModeIntervalClaimOne() throws Exception {
        long chat = sharedChat(ChatKind.SUPERGROUP);
        write(
                tx -> {
                    tx.members().put(MemberRecord.joined(chat, 2, MemberStatus.MEMBER, 100, 1));
                    return null;
                });
        List<Boolean> claimed =
                race(
                        tx -> tx.members().get(chat, 2).orElseThrow().lastSendMs(),
                        (tx, last) -> tx.members().claimSend(chat, 2, 100_000, 10_000));
        assertThat(claimed).containsExactlyInAnyOrder(true, false);
        assertThat(this.<Long>read(tx -> tx.members().get(chat, 2).orElseThrow().lastSendMs()))
                .isEqualTo(100_000L);
        assertThat(this.<Boolean>write(tx -> tx.members().claimSend(chat, 2, 109_999, 10_000)))
                .isFalse();
        assertThat(this.<Boolean>write(tx -> tx.members().claimSend(chat, 2, 110_000, 10_000)))
                .isTrue();
    }

    @Test
    void twoSendsWithOneRandomIdRecordOneMessage() throws Exception {
        long a = user("idem_a");
        long b = user("idem_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        List<SentRef> refs =
                race(
                        tx -> tx.messages().findSent(a, 42),
                        (tx, seen) ->
                                tx.messages()
                                        .findSent(a, 42)
                                        .orElseGet(
                                                () -> {
                                                    long id = tx.chats().nextMessageId(chat);
                                                    SentRef ref = new SentRef(chat, id, id);
                                                    tx.messages().recordSent(a, 42, ref);
                                                    return ref;
                                                }));
        assertThat(refs.get(0)).isEqualTo(refs.get(1));
        assertThat(this.<java.util.Optional<SentRef>>read(tx -> tx.messages().findSent(a, 42)))
                .contains(refs.get(0));
    }
}
