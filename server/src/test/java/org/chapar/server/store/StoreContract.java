package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.SessionRecord;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.DialogCursor;
import org.chapar.server.message.DialogRecord;
import org.chapar.server.message.IdempotentSends;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.SentRef;
import org.chapar.server.privacy.Privacy;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The behaviour every storage adapter must have. An adapter's test extends this class and says how
 * to open a fresh, empty store; nothing here knows which database is behind it.
 */
public abstract class StoreContract extends StoreFixture {
    private long user(String name) {
        return write(tx -> tx.accounts().create(name, name + " display", "$hash", 1000));
    }

    @Test
    void accountsAreFoundByIdAndByUsernameWithoutCase() {
        long id = user("Alice_1");
        AccountRecord a = read(tx -> tx.accounts().byUsername("alice_1")).orElseThrow();
        assertThat(a.id()).isEqualTo(id);
        assertThat(a.username()).isEqualTo("Alice_1");
        assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byId(id))).contains(a);
        assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername("ALICE_1")))
                .contains(a);
        assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername("alice_2")))
                .isEmpty();
    }

    @Test
    void aServerKeyIsCreatedOnceAndThenKept() {
        byte[] first = write(tx -> tx.serverKeys().getOrCreate("k", () -> new byte[] {1, 2}));
        byte[] again = write(tx -> tx.serverKeys().getOrCreate("k", () -> new byte[] {3, 4}));
        byte[] other = write(tx -> tx.serverKeys().getOrCreate("other", () -> new byte[] {5}));
        assertThat(first).containsExactly(1, 2);
        assertThat(again).containsExactly(1, 2);
        assertThat(other).containsExactly(5);
    }

    @Test
    void anAuthorSeedIsKeptPerAccount() {
        long a = user("seeded_a");
        long b = user("seeded_b");
        write(
                tx -> {
                    tx.authorSeeds().create(a, new byte[] {1, 2, 3});
                    return null;
                });
        assertThat(this.<Optional<byte[]>>read(tx -> tx.authorSeeds().get(a)).orElseThrow())
                .containsExactly(1, 2, 3);
        assertThat(this.<Optional<byte[]>>read(tx -> tx.authorSeeds().get(b))).isEmpty();
    }

    @Test
    void usernamePrefixSearchIsOrderedAndLimited() {
        for (String n : List.of("carol_b", "carol_a", "carl_x", "dave_1", "carol_c")) {
            user(n);
        }
        assertThat(this.<List<AccountRecord>>read(tx -> tx.accounts().searchByPrefix("CAROL", 2)))
                .extracting(AccountRecord::username)
                .containsExactly("carol_a", "carol_b");
        assertThat(this.<List<AccountRecord>>read(tx -> tx.accounts().searchByPrefix("car", 10)))
                .hasSize(4);
    }

    @Test
    void sessionsAreFoundByTokenHashAndDeletedOnlyByTheirOwner() {
        long alice = user("alice_s");
        long bob = user("bob_s");
        byte[] hash = new byte[32];
        hash[0] = 7;
        write(
                tx -> {
                    tx.sessions().create(new SessionRecord(42, alice, hash, "laptop", 10, 0));
                    return null;
                });
        assertThat(this.<Optional<SessionRecord>>read(tx -> tx.sessions().byTokenHash(hash)))
                .get()
                .extracting(SessionRecord::userId)
                .isEqualTo(alice);
        assertThat(this.<Boolean>read(tx -> tx.sessions().exists(alice, 42))).isTrue();
        assertThat(this.<Boolean>read(tx -> tx.sessions().exists(bob, 42))).isFalse();
        assertThat(this.<Boolean>write(tx -> tx.sessions().delete(bob, 42))).isFalse();
        assertThat(this.<Boolean>write(tx -> tx.sessions().delete(alice, 42))).isTrue();
        assertThat(this.<Optional<SessionRecord>>read(tx -> tx.sessions().byTokenHash(hash)))
                .isEmpty();
        assertThat(this.<Boolean>read(tx -> tx.sessions().exists(alice, 42))).isFalse();
    }

    @Test
    void aPrivateChatIsOneChatWhicheverSideOpensIt() {
        long a = user("pc_a");
        long b = user("pc_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 5));
        assertThat(this.<Long>write(tx -> tx.chats().privateChat(b, a, 6))).isEqualTo(chat);
        assertThat(this.<OptionalLong>read(tx -> tx.chats().findPrivateChat(b, a))).hasValue(chat);
        assertThat(this.<Optional<long[]>>read(tx -> tx.chats().privateMembers(chat)))
                .get()
                .satisfies(m -> assertThat(m).containsExactly(Math.min(a, b), Math.max(a, b)));
        assertThat(this.<Long>write(tx -> tx.chats().nextMessageId(chat))).isEqualTo(1);
        assertThat(this.<Long>write(tx -> tx.chats().nextMessageId(chat))).isEqualTo(2);
    }

    @Test
    void historyPagesNewestFirstAndHidesWhatTheViewerDeleted() {
        long a = user("h_a");
        long b = user("h_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        write(
                tx -> {
                    for (long i = 1; i <= 5; i++) {
                        tx.messages()
                                .insert(
                                        new MessageRecord(
                                                chat, i, i % 2 == 0 ? a : b, i, "m" + i, 0, 0));
                    }
                    tx.messages().hide(a, chat, List.of(4L));
                    return null;
                });
        assertThat(this.<List<MessageRecord>>read(tx -> tx.messages().history(chat, a, 0, 3)))
                .extracting(MessageRecord::id)
                .containsExactly(5L, 3L, 2L);
        assertThat(this.<List<MessageRecord>>read(tx -> tx.messages().history(chat, a, 2, 10)))
                .extracting(MessageRecord::id)
                .containsExactly(1L);
        assertThat(this.<List<MessageRecord>>read(tx -> tx.messages().history(chat, b, 0, 10)))
                .hasSize(5);
        assertThat(this.<Integer>read(tx -> tx.messages().countUnread(chat, a, 0)))
                .as("b's messages 1,3,5")
                .isEqualTo(3);
        assertThat(this.<Integer>read(tx -> tx.messages().countUnread(chat, b, 1)))
                .as("a's 2 and 4")
                .isEqualTo(2);
        assertThat(this.<Optional<MessageRecord>>read(tx -> tx.messages().newestVisible(chat, a)))
                .get()
                .extracting(MessageRecord::id)
                .isEqualTo(5L);
    }

    /** Stores a private message the way a send does: the row, then both dialogs. */
    private static void sendPrivate(StoreTx tx, long chat, long id, long from, long to) {
        tx.messages().insert(new MessageRecord(chat, id, from, 1, "from " + from, 0, 0));
        tx.dialogs().onNewMessage(from, chat, to, id, 1, 0, 1);
        tx.dialogs().onNewMessage(to, chat, from, id, 1, 1, 0);
    }

    @Test
    void aSenderHasWrittenInAChatUntilTheirMessagesArePurged() {
        long a = user("f_a");
        long b = user("f_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        write(
                tx -> {
                    sendPrivate(tx, chat, 1, a, b);
                    sendPrivate(tx, chat, 2, a, b);
                    tx.messages().hide(a, chat, List.of(1L));
                    return null;
                });
        assertThat(this.<Boolean>read(tx -> tx.dialogs().hasWritten(a, chat)))
                .as("hidden from its sender only: still there")
                .isTrue();
        assertThat(this.<Boolean>read(tx -> tx.dialogs().hasWritten(b, chat)))
                .as("only received")
                .isFalse();
        write(
                tx -> {
                    tx.messages().delete(chat, List.of(1L));
                    return null;
                });
        assertThat(this.<Boolean>read(tx -> tx.dialogs().hasWritten(a, chat)))
                .as("one of two purged")
                .isTrue();
        write(
                tx -> {
                    tx.messages().delete(chat, List.of(2L, 2L));
                    return null;
                });
        assertThat(this.<Boolean>read(tx -> tx.dialogs().hasWritten(a, chat))).isFalse();
        write(
                tx -> {
                    sendPrivate(tx, chat, 3, a, b);
                    return null;
                });
        assertThat(this.<Boolean>read(tx -> tx.dialogs().hasWritten(a, chat)))
                .as("deleting a message already gone took nothing off")
                .isTrue();
    }

    @Test
    void privacySettingsDefaultUntilSetAndAreReplacedWhole() {
        long a = user("p_a");
        assertThat(this.<Privacy>read(tx -> tx.privacy().get(a))).isEqualTo(Privacy.DEFAULT);
        Privacy nobody = new Privacy(PrivacyAudience.NOBODY, PrivacyAudience.EVERYBODY);
        write(
                tx -> {
                    tx.privacy().put(a, nobody);
                    return null;
                });
        assertThat(this.<Privacy>read(tx -> tx.privacy().get(a))).isEqualTo(nobody);
        write(
                tx -> {
                    tx.privacy().put(a, Privacy.DEFAULT);
                    return null;
                });
        assertThat(this.<Privacy>read(tx -> tx.privacy().get(a))).isEqualTo(Privacy.DEFAULT);
    }

    @Test
    void deletingAMessagePurgesItAndWhatPointsAtIt() {
        long a = user("d_a");
        long b = user("d_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        write(
                tx -> {
                    tx.messages().insert(new MessageRecord(chat, 1, a, 1, "secret", 0, 0));
                    tx.messages().hide(b, chat, List.of(1L));
                    tx.messages().recordSent(a, 99, new SentRef(chat, 1, 1));
                    tx.boxes().append(a, BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat, 1, 1));
                    return null;
                });
        write(
                tx -> {
                    tx.messages().delete(chat, List.of(1L));
                    tx.boxes().purgeMessageEvents(chat, List.of(1L));
                    return null;
                });
        assertThat(this.<Optional<MessageRecord>>read(tx -> tx.messages().get(chat, 1))).isEmpty();
        assertThat(this.<Boolean>read(tx -> tx.messages().hiddenFor(b, chat, 1))).isFalse();
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(a, 99)))
                .as("the random_id stays, pointing at nothing")
                .contains(new SentRef(0, 0, 0));
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(a, 0, 10)))
                .extracting(BoxEvent::kind)
                .containsExactly(BoxEvent.Kind.PURGED);
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(a, 0, 10)))
                .allSatisfy(
                        e -> {
                            assertThat(e.chatId()).isZero();
                            assertThat(e.date()).isZero();
                        });
        assertThat(this.<Long>read(tx -> tx.boxes().head(a))).as("pts stays used").isEqualTo(1);
    }

    @Test
    void aSendsRecordLastsAsLongAsItsMessageAndThenOnlyRefusesRetries() {
        long a = user("rec_a");
        long b = user("rec_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        // an anonymous post's record is keyed by a negative hash and random_id 0, not by its sender
        long hidden = -4_242L;
        write(
                tx -> {
                    tx.messages().insert(MessageRecord.posted(chat, 1, a, 1, "one", 0));
                    tx.messages().recordSent(a, 11, new SentRef(chat, 1, 1));
                    tx.messages().insert(MessageRecord.posted(chat, 2, 0, 1, "anonymous", 0));
                    tx.messages().recordSent(hidden, 0, new SentRef(chat, 2, 2));
                    tx.messages().insert(MessageRecord.posted(chat, 3, a, 1, "three", 0));
                    tx.messages().recordSent(a, 33, new SentRef(chat, 3, 3));
                    tx.messages().insert(MessageRecord.posted(chat, 4, 0, 1, "service", 0));
                    return null;
                });
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(a, 11)))
                .as("kept while the message exists")
                .contains(new SentRef(chat, 1, 1));
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(hidden, 0)))
                .contains(new SentRef(chat, 2, 2));

        write(
                tx -> {
                    tx.messages().delete(chat, List.of(1L, 2L, 4L));
                    return null;
                });
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(a, 11)))
                .as("after the purge only the random_id is left")
                .contains(new SentRef(0, 0, 0));
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(hidden, 0)))
                .contains(new SentRef(0, 0, 0));
        assertThat(this.<Optional<SentRef>>read(tx -> tx.messages().findSent(a, 33)))
                .as("another message's record is untouched")
                .contains(new SentRef(chat, 3, 3));
        assertThatThrownBy(() -> write(tx -> IdempotentSends.find(tx, a, 11, chat)))
                .hasRootCauseInstanceOf(ApiException.class)
                .rootCause()
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
    }

    @Test
    void dialogsCountUnreadAndPageByRecency() {
        long me = user("dl_me");
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long peer = user("dl_p" + i);
            long chat = write(tx -> tx.chats().privateChat(me, peer, 1));
            chats.add(chat);
            long date = 100 + i;
            write(
                    tx -> {
                        tx.dialogs().onNewMessage(me, chat, peer, 1, date, 1, 0);
                        tx.dialogs().onNewMessage(me, chat, peer, 2, date, 1, 0);
                        return null;
                    });
        }
        assertThat(this.<Integer>read(tx -> tx.dialogs().totalUnread(me))).isEqualTo(10);
        List<DialogRecord> first = read(tx -> tx.dialogs().page(me, null, 3));
        assertThat(first)
                .extracting(DialogRecord::chatId)
                .containsExactly(chats.get(4), chats.get(3), chats.get(2));
        DialogRecord last = first.get(2);
        List<DialogRecord> rest =
                read(
                        tx ->
                                tx.dialogs()
                                        .page(
                                                me,
                                                new DialogCursor(last.topDate(), last.chatId()),
                                                3));
        assertThat(rest)
                .extracting(DialogRecord::chatId)
                .containsExactly(chats.get(1), chats.get(0));
        write(
                tx -> {
                    tx.dialogs().setReadInbox(me, chats.get(0), 2, 0);
                    return null;
                });
        assertThat(this.<Optional<DialogRecord>>read(tx -> tx.dialogs().get(me, chats.get(0))))
                .get()
                .satisfies(d -> assertThat(d.unreadCount()).isZero())
                .satisfies(d -> assertThat(d.readInboxMaxId()).isEqualTo(2));
        assertThat(this.<List<Long>>read(tx -> tx.dialogs().privatePeers(me))).hasSize(5);
    }

    @Test
    void boxesAdvanceByPtsCountAndReplayInOrder() {
        long a = user("box_a");
        long b = user("box_b");
        write(
                tx -> {
                    tx.boxes().append(a, BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 1, 1, 10));
                    tx.boxes()
                            .append(
                                    a,
                                    BoxEvent.of(
                                            BoxEvent.Kind.DELETE_MESSAGES,
                                            1,
                                            new byte[] {1, 2},
                                            3,
                                            11));
                    tx.boxes().append(a, BoxEvent.message(BoxEvent.Kind.EDIT_MESSAGE, 1, 2, 12));
                    tx.boxes().append(b, BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, 1, 1, 10));
                    return null;
                });
        assertThat(this.<Long>read(tx -> tx.boxes().head(a))).isEqualTo(5);
        assertThat(this.<Long>read(tx -> tx.boxes().head(b))).isEqualTo(1);
        List<BoxEvent> events = read(tx -> tx.boxes().after(a, 0, 10));
        assertThat(events).extracting(BoxEvent::pts).containsExactly(1L, 4L, 5L);
        assertThat(events.get(1).data()).containsExactly(1, 2);
        assertThat(events.get(1).kind()).isEqualTo(BoxEvent.Kind.DELETE_MESSAGES);
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(a, 1, 1)))
                .extracting(BoxEvent::pts)
                .containsExactly(4L);
    }

    @Test
    void aFailingWriteRollsBackAloneAndItsBatchNeighboursCommit() {
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "batch_" + i;
            boolean fail = i % 10 == 3;
            writes.add(
                    store.write(
                            tx -> {
                                long id = tx.accounts().create(name, name, "$h", 1);
                                if (fail) {
                                    throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                                }
                                return id;
                            }));
        }
        for (int i = 0; i < 50; i++) {
            String name = "batch_" + i;
            if (i % 10 == 3) {
                int n = i;
                assertThatThrownBy(() -> writes.get(n).join())
                        .isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(ApiException.class);
                assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername(name)))
                        .isEmpty();
            } else {
                assertThat(writes.get(i).join()).isPositive();
                assertThat(this.<Optional<AccountRecord>>read(tx -> tx.accounts().byUsername(name)))
                        .isPresent();
            }
        }
    }

    @Test
    void ptsAndMessageIdsOfARolledBackWriteAreGivenToTheNextOneOfItsBatch() {
        long a = user("counted_a");
        long b = user("counted_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        List<CompletableFuture<long[]>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean fail = i % 4 == 1;
            writes.add(
                    store.write(
                            tx -> {
                                long id = tx.chats().nextMessageId(chat);
                                long pts =
                                        tx.boxes()
                                                .append(
                                                        a,
                                                        BoxEvent.message(
                                                                BoxEvent.Kind.NEW_MESSAGE,
                                                                chat,
                                                                id,
                                                                10));
                                if (fail) {
                                    throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                                }
                                return new long[] {id, pts, tx.boxes().head(a)};
                            }));
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i % 4 == 1) {
                assertThatThrownBy(writes.get(i)::join).hasCauseInstanceOf(ApiException.class);
            } else {
                long[] r = writes.get(i).join();
                assertThat(r[1]).isEqualTo(r[0]).isEqualTo(r[2]);
                ids.add(r[0]);
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 30; i++) {
            expected.add(i);
        }
        // several writers (PostgreSQL) may take the writes in another order, never with gaps
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(this.<Long>read(tx -> tx.boxes().head(a))).isEqualTo(30);
        // the fixture's boxes keep only their newest events
        assertThat(this.<List<BoxEvent>>read(tx -> tx.boxes().after(a, 0, 100)))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.messageId()).isEqualTo(e.pts()));
        assertThat(this.<Long>write(tx -> tx.chats().nextMessageId(chat))).isEqualTo(31);
    }

    @Test
    void aRolledBackChangeIsNotSeenByLaterWrites() {
        long id = user("renamed");
        CompletableFuture<Object> failing =
                store.write(
                        tx -> {
                            tx.accounts().setDisplayName(id, "never committed");
                            tx.accounts().byId(id);
                            throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                        });
        assertThatThrownBy(failing::join).hasCauseInstanceOf(ApiException.class);
        assertThat(this.<Optional<AccountRecord>>write(tx -> tx.accounts().byId(id)))
                .get()
                .extracting(AccountRecord::displayName)
                .isEqualTo("renamed display");
    }

    @Test
    void laterWritesSeePrivacySetEarlierAndNotOneRolledBack() {
        long a = user("pw_a");
        Privacy nobody = new Privacy(PrivacyAudience.NOBODY, PrivacyAudience.PARTNERS);
        assertThat(this.<Privacy>write(tx -> tx.privacy().get(a))).isEqualTo(Privacy.DEFAULT);
        write(
                tx -> {
                    tx.privacy().put(a, nobody);
                    return null;
                });
        assertThat(this.<Privacy>write(tx -> tx.privacy().get(a))).isEqualTo(nobody);
        CompletableFuture<Object> failing =
                store.write(
                        tx -> {
                            tx.privacy().put(a, Privacy.DEFAULT);
                            assertThat(tx.privacy().get(a)).isEqualTo(Privacy.DEFAULT);
                            throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                        });
        assertThatThrownBy(failing::join).hasCauseInstanceOf(ApiException.class);
        assertThat(this.<Privacy>write(tx -> tx.privacy().get(a))).isEqualTo(nobody);
        assertThat(this.<Privacy>read(tx -> tx.privacy().get(a))).isEqualTo(nobody);
    }

    @Test
    void laterWritesSeeWhoHasWrittenInAChatAsItChanges() {
        long a = user("fw_a");
        long b = user("fw_b");
        long chat = write(tx -> tx.chats().privateChat(a, b, 1));
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(a, chat))).isFalse();
        write(
                tx -> {
                    sendPrivate(tx, chat, 1, a, b);
                    return null;
                });
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(a, chat))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(b, chat))).isFalse();
        CompletableFuture<Object> failing =
                store.write(
                        tx -> {
                            sendPrivate(tx, chat, 2, b, a);
                            assertThat(tx.dialogs().hasWritten(b, chat)).isTrue();
                            throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                        });
        assertThatThrownBy(failing::join).hasCauseInstanceOf(ApiException.class);
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(b, chat)))
                .as("the rolled-back message never existed")
                .isFalse();
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(a, chat))).isTrue();
        CompletableFuture<Object> undone =
                store.write(
                        tx -> {
                            tx.messages().delete(chat, List.of(1L));
                            assertThat(tx.dialogs().hasWritten(a, chat)).isFalse();
                            throw new ApiException(ErrorCode.BAD_REQUEST, "refused");
                        });
        assertThatThrownBy(undone::join).hasCauseInstanceOf(ApiException.class);
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(a, chat)))
                .as("the rolled-back delete never happened")
                .isTrue();
        write(
                tx -> {
                    sendPrivate(tx, chat, 3, b, a);
                    tx.messages().delete(chat, List.of(1L));
                    return null;
                });
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(a, chat)))
                .as("a's only message was purged")
                .isFalse();
        assertThat(this.<Boolean>write(tx -> tx.dialogs().hasWritten(b, chat))).isTrue();
    }

    @Test
    void afterCommitRunsInCommitOrderBeforeTheAnswer() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            writes.add(store.write(tx -> n, seen::add));
        }
        for (int i = 0; i < 200; i++) {
            int n = i;
            assertThat(writes.get(i).thenApply(v -> seen.contains(n)).join()).isTrue();
        }
        assertThat(seen).isSorted().hasSize(200);
    }
}
