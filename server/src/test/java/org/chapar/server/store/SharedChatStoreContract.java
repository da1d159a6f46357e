package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.InviteRecord;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

/** What every storage adapter must do for groups, supergroups and channels. */
public abstract class SharedChatStoreContract extends StoreFixture {
    private long channel(String username) {
        return write(
                tx ->
                        tx.sharedChats()
                                .create(
                                        new ChatRecord(
                                                0,
                                                ChatKind.CHANNEL,
                                                "News",
                                                "",
                                                username,
                                                1,
                                                false,
                                                0,
                                                0,
                                                0,
                                                0,
                                                0,
                                                100)));
    }

    @Test
    void chatsAreFoundByIdAndByUsernameWithoutCase() {
        long id = channel("Daily_News");
        ChatRecord c = read(tx -> tx.sharedChats().byUsername("daily_news")).orElseThrow();
        assertThat(c.id()).isEqualTo(id);
        assertThat(c.kind()).isEqualTo(ChatKind.CHANNEL);
        assertThat(c.username()).isEqualTo("Daily_News");
        long priv = channel("");
        assertThat(read(tx -> tx.sharedChats().get(priv)).orElseThrow().username()).isEmpty();
    }

    @Test
    void membershipsAreListedByChatAndByUserWithTheBoxHead() {
        long chat = channel("");
        write(
                tx -> {
                    tx.members().put(MemberRecord.joined(chat, 1, MemberStatus.CREATOR, 100, 0));
                    tx.members().put(MemberRecord.joined(chat, 2, MemberStatus.MEMBER, 101, 1));
                    tx.members()
                            .put(
                                    new MemberRecord(
                                            chat,
                                            3,
                                            MemberStatus.BANNED,
                                            0,
                                            1,
                                            0,
                                            102,
                                            0,
                                            0,
                                            0,
                                            103));
                    tx.channelBoxes()
                            .append(
                                    chat,
                                    BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat, 1, 100));
                    return null;
                });
        assertThat(this.<List<Long>>read(tx -> tx.members().userIds(chat)))
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(
                        this.<List<MemberRecord>>read(
                                tx -> tx.members().list(chat, MemberStatus.BANNED, 0, 10)))
                .extracting(MemberRecord::userId, MemberRecord::leftDate)
                .containsExactly(tuple(3L, 103L));
        List<long[]> mine = read(tx -> tx.members().ownBoxChats(2));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).containsExactly(chat, 1);
        assertThat(this.<List<long[]>>read(tx -> tx.members().ownBoxChats(3))).isEmpty();
    }

    @Test
    void aChannelBoxAdvancesOncePerEventWhateverTheMembers() {
        long chat = channel("");
        write(
                tx -> {
                    for (long u = 1; u <= 50; u++) {
                        tx.members().put(MemberRecord.joined(chat, u, MemberStatus.MEMBER, 100, 0));
                    }
                    return null;
                });
        long pts =
                write(
                        tx ->
                                tx.channelBoxes()
                                        .append(
                                                chat,
                                                BoxEvent.message(
                                                        BoxEvent.Kind.NEW_MESSAGE, chat, 1, 100)));
        assertThat(pts).isEqualTo(1);
        assertThat(this.<Long>read(tx -> tx.channelBoxes().count(chat))).isEqualTo(1);
        assertThat(read(tx -> tx.sharedChats().get(chat)).orElseThrow().pts()).isEqualTo(1);
        assertThat(this.<List<BoxEvent>>read(tx -> tx.channelBoxes().after(chat, 0, 10)))
                .extracting(BoxEvent::messageId)
                .containsExactly(1L);
    }

    @Test
    void aPostKeepsItsAuthorTagAndOthersHaveNone() {
        long chat = channel("");
        ByteString tag = ByteString.copyFrom(new byte[32]).concat(ByteString.copyFromUtf8("x"));
        write(
                tx -> {
                    tx.messages()
                            .insert(
                                    MessageRecord.posted(chat, 1, 0, 100, "post", 0)
                                            .withAuthorTag(tag));
                    tx.messages().insert(MessageRecord.posted(chat, 2, 0, 100, "service", 0));
                    return null;
                });
        assertThat(read(tx -> tx.messages().get(chat, 1)).orElseThrow().authorTag()).isEqualTo(tag);
        assertThat(read(tx -> tx.messages().get(chat, 2)).orElseThrow().authorTag()).isNull();
    }

    @Test
    void deletingAChannelPostPurgesItsViewsMentionsAndEvents() {
        long chat = channel("");
        write(
                tx -> {
                    tx.messages().insert(new MessageRecord(chat, 1, 0, 100, "post", 0, 0));
                    tx.channelBoxes()
                            .append(
                                    chat,
                                    BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chat, 1, 100));
                    tx.messages().addMention(chat, 1, 7);
                    return null;
                });
        assertThat(this.<Boolean>write(tx -> tx.messages().addView(chat, 1, 7))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.messages().addView(chat, 1, 7))).isFalse();
        assertThat(read(tx -> tx.messages().get(chat, 1)).orElseThrow().views()).isEqualTo(1);
        assertThat(this.<Integer>read(tx -> tx.messages().unreadMentions(chat, 7))).isEqualTo(1);

        write(
                tx -> {
                    tx.messages().delete(chat, List.of(1L));
                    return null;
                });
        assertThat(this.<java.util.Optional<MessageRecord>>read(tx -> tx.messages().get(chat, 1)))
                .isEmpty();
        assertThat(this.<Integer>read(tx -> tx.messages().unreadMentions(chat, 7))).isZero();
        assertThat(this.<List<BoxEvent>>read(tx -> tx.channelBoxes().after(chat, 0, 10))).isEmpty();
        assertThat(this.<Boolean>write(tx -> tx.messages().addView(chat, 1, 7)))
                .isTrue(); // no stale view row was left
    }

    @Test
    void invitesAndJoinRequestsRoundTrip() {
        long chat = channel("");
        write(
                tx -> {
                    tx.invites()
                            .put(
                                    new InviteRecord(
                                            "abc", chat, 1, 100, 0, 5, 0, true, false, true, "t"));
                    tx.invites().addRequest(chat, 9, 101, "abc");
                    return null;
                });
        assertThat(this.<java.util.Optional<InviteRecord>>read(tx -> tx.invites().primary(chat)))
                .map(InviteRecord::hash)
                .contains("abc");
        assertThat(this.<Integer>read(tx -> tx.invites().pendingRequests("abc"))).isEqualTo(1);
        assertThat(this.<Boolean>write(tx -> tx.invites().removeRequest(chat, 9))).isTrue();
        assertThat(
                        this.<List<org.chapar.server.chat.InviteLinks.JoinRequestRecord>>read(
                                tx -> tx.invites().requests(chat)))
                .isEmpty();
    }

    @Test
    void aLinkIsUsedOnlyWhileItIsUsable() {
        long chat = channel("");
        write(
                tx -> {
                    tx.invites()
                            .put(
                                    new InviteRecord(
                                            "two", chat, 1, 100, 0, 2, 0, false, false, false, ""));
                    tx.invites()
                            .put(
                                    new InviteRecord(
                                            "soon", chat, 1, 100, 200, 0, 0, false, false, false,
                                            ""));
                    tx.invites()
                            .put(
                                    new InviteRecord(
                                            "gone", chat, 1, 100, 0, 0, 0, false, true, false, ""));
                    return null;
                });
        assertThat(this.<Boolean>write(tx -> tx.invites().use("two", 150))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.invites().use("two", 150))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.invites().use("two", 150))).isFalse();
        assertThat(read(tx -> tx.invites().get("two")).orElseThrow().usage()).isEqualTo(2);
        assertThat(this.<Boolean>write(tx -> tx.invites().use("soon", 199))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.invites().use("soon", 200))).isFalse();
        assertThat(this.<Boolean>write(tx -> tx.invites().use("gone", 150))).isFalse();
        assertThat(this.<Boolean>write(tx -> tx.invites().use("none", 150))).isFalse();
    }

    @Test
    void joinRequestsAreFoundByUserAndDroppedByLink() {
        long chat = channel("");
        write(
                tx -> {
                    tx.invites().addRequest(chat, 7, 101, "a");
                    tx.invites().addRequest(chat, 8, 102, "a");
                    tx.invites().addRequest(chat, 9, 103, "b");
                    tx.invites().addRequest(chat, 9, 103, "a"); // re-filed through another link
                    return null;
                });
        assertThat(read(tx -> tx.invites().request(chat, 9)).orElseThrow().hash()).isEqualTo("a");
        assertThat(this.<Integer>write(tx -> tx.invites().removeRequests("a"))).isEqualTo(3);
        assertThat(read(tx -> tx.invites().request(chat, 7)).isPresent()).isFalse();
    }

    @Test
    void theAdminLogKnowsAuthorsUntilPurged() {
        long chat = channel("");
        write(
                tx -> {
                    tx.adminLog().append(chat, 100, 5, "post", 0, 1, "");
                    tx.adminLog().append(chat, 200, 6, "edit_title", 0, 0, "x");
                    return null;
                });
        assertThat(this.<java.util.OptionalLong>read(tx -> tx.adminLog().author(chat, 1)))
                .hasValue(5);
        assertThat(
                        this.<List<org.chapar.server.chat.AdminLog.Entry>>read(
                                tx -> tx.adminLog().page(chat, 0, 10)))
                .extracting(e -> e.action())
                .containsExactly("edit_title", "post");
        assertThat(this.<Integer>write(tx -> tx.adminLog().purge(150))).isEqualTo(1);
        assertThat(this.<java.util.OptionalLong>read(tx -> tx.adminLog().author(chat, 1)))
                .isEmpty();
    }

    private int members(long chat) {
        return read(tx -> tx.sharedChats().get(chat).orElseThrow().membersCount());
    }

    @Test
    void memberCountChangesAreReadBackInTheirTransactionAndKeptOnlyIfTheCallIs() {
        long chat = channel("");
        int inside =
                write(
                        tx -> {
                            tx.sharedChats().addMembers(chat, 3);
                            return tx.sharedChats().get(chat).orElseThrow().membersCount();
                        });
        assertThat(inside).isEqualTo(3);
        assertThat(members(chat)).isEqualTo(3);

        var failed =
                store.write(
                        tx -> {
                            tx.sharedChats().addMembers(chat, 5);
                            throw new IllegalStateException("this call is rolled back");
                        });
        assertThat(failed).failsWithin(java.time.Duration.ofSeconds(10));
        assertThat(members(chat)).as("the rolled-back call's change is not written").isEqualTo(3);
    }

    @Test
    void manyMemberCountChangesInOneBatchAreAllCounted() {
        long chat = channel("");
        var writes = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Object>>();
        for (int i = 0; i < 200; i++) {
            int delta = i % 4 == 3 ? -1 : 1;
            writes.add(
                    store.write(
                            tx -> {
                                tx.sharedChats().addMembers(chat, delta);
                                return null;
                            }));
        }
        writes.forEach(java.util.concurrent.CompletableFuture::join);
        assertThat(members(chat)).isEqualTo(150 - 50);
    }

    @Test
    void aSeatIsCheckedAgainstTheCountChangesNotWrittenYet() {
        long chat = channel("");
        write(
                tx -> {
                    tx.sharedChats().addMembers(chat, 2);
                    return null;
                });
        boolean[] seats =
                write(
                        tx -> {
                            tx.sharedChats().addMembers(chat, 1); // 3 with it, not written yet
                            boolean full = tx.sharedChats().addMember(chat, 3);
                            boolean free = tx.sharedChats().addMember(chat, 4);
                            return new boolean[] {full, free};
                        });
        assertThat(seats).containsExactly(false, true);
        assertThat(members(chat)).isEqualTo(4);
    }
}
