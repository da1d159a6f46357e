package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.banned;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.members;
import static org.chapar.it.chats.Chats.noSending;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The one rule for every end date a client sends (restriction and ban until_date, invite link
 * expire_date on create and on edit): 0 is no end, else after now and at most 366 days ahead.
 */
class EndDatesIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static final long YEAR = Duration.ofDays(366).toSeconds();

    /** Dates no client may send: now, the past, negative, over a year ahead, the maximum. */
    private static List<Long> refused() {
        long now = clock.seconds();
        return List.of(now, now - 60, -1L, now + YEAR + 1, Long.MAX_VALUE);
    }

    private static void assertOnlySaneDatesPass(
            String field, LongFunction<CompletableFuture<?>> r) {
        for (long date : refused()) {
            assertThat(assertFails(r.apply(date), ErrorCode.BAD_REQUEST).getMessage())
                    .as("date %d", date)
                    .contains(field);
        }
        for (long date : List.of(0L, clock.seconds() + 1, clock.seconds() + YEAR)) {
            r.apply(date).join();
        }
    }

    @Test
    void restrictionsAndBansEndWithinAYearOrNever() {
        TestUser owner = server.newUser("owner");
        TestUser loud = server.newUser("loud");
        TestUser troll = server.newUser("troll");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Dated", "dated_" + owner.id(), loud)
                        .getChat()
                        .getId();
        join(troll, chat).join();

        assertOnlySaneDatesPass(
                "until_date", until -> restrict(owner, chat, loud, noSending(), until));
        assertOnlySaneDatesPass(
                "until_date", until -> restrict(owner, chat, troll, banned(), until));

        long inAWeek = clock.seconds() + Duration.ofDays(7).toSeconds();
        restrict(owner, chat, loud, noSending(), inAWeek).join();
        List<ChatMember> listed = members(owner, chat).join().getChatMembers().getMembersList();
        assertThat(listed)
                .filteredOn(m -> m.getUserId() == loud.id())
                .singleElement()
                .extracting(ChatMember::getUntilDate)
                .isEqualTo(inAWeek);
    }

    @Test
    void inviteLinksExpireWithinAYearOrNeverWhenCreatedAndWhenEdited() {
        TestUser owner = server.newUser("owner");
        long chat = create(owner, ChatKind.SUPERGROUP, "Linked", "").getChat().getId();

        assertOnlySaneDatesPass(
                "expire_date",
                expire ->
                        call(
                                owner,
                                ClientFrame.newBuilder()
                                        .setCreateInviteLink(
                                                CreateInviteLink.newBuilder()
                                                        .setChatId(chat)
                                                        .setExpireDate(expire))));

        InviteLink link =
                call(
                                owner,
                                ClientFrame.newBuilder()
                                        .setCreateInviteLink(
                                                CreateInviteLink.newBuilder().setChatId(chat)))
                        .join()
                        .getInviteLink();
        assertOnlySaneDatesPass("expire_date", expire -> editExpiry(owner, chat, link, expire));

        long tomorrow = clock.seconds() + Duration.ofDays(1).toSeconds();
        assertThat(editExpiry(owner, chat, link, tomorrow).join().getInviteLink().getExpireDate())
                .isEqualTo(tomorrow);
        // a revoke names no new date, so it is not checked
        call(
                        owner,
                        ClientFrame.newBuilder()
                                .setEditInviteLink(
                                        EditInviteLink.newBuilder()
                                                .setChatId(chat)
                                                .setHash(link.getHash())
                                                .setExpireDate(clock.seconds() - 60)
                                                .setRevoke(true)))
                .join();
    }

    private static CompletableFuture<ServerFrame> editExpiry(
            TestUser owner, long chat, InviteLink link, long expire) {
        return call(
                owner,
                ClientFrame.newBuilder()
                        .setEditInviteLink(
                                EditInviteLink.newBuilder()
                                        .setChatId(chat)
                                        .setHash(link.getHash())
                                        .setExpireDate(expire)));
    }
}
