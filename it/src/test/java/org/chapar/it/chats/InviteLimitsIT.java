package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.joinByLink;
import static org.chapar.it.chats.Invites.decide;
import static org.chapar.it.chats.Invites.requests;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.JoinRequest;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Links that need approval keep their limits: an approval is a use of the link, a dead link admits
 * nobody at approval, and asking again does not file (or announce) a second request.
 */
class InviteLimitsIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static InviteLink vetted(TestUser admin, long chat, int limit, long expires) {
        return Invites.create(
                admin,
                CreateInviteLink.newBuilder()
                        .setChatId(chat)
                        .setRequiresApproval(true)
                        .setUsageLimit(limit)
                        .setExpireDate(expires));
    }

    private static void ask(TestUser u, InviteLink l) {
        assertFails(joinByLink(u, l.getHash()), ErrorCode.INVITE_REQUEST_SENT);
    }

    private static MemberStatus approve(TestUser admin, long chat, TestUser who) {
        return decide(admin, chat, who, true).join().getChatInfo().getSelf().getStatus();
    }

    private static Predicate<Update> requestOf(TestUser u) {
        return x -> x.hasJoinRequested() && x.getJoinRequested().getUserId() == u.id();
    }

    @Test
    void approvalsCountAgainstTheUsageLimit() {
        TestUser owner = server.newUser("owner");
        long chat = create(owner, ChatKind.SUPERGROUP, "Few", "").getChat().getId();
        InviteLink once = vetted(owner, chat, 1, 0);
        TestUser[] askers = {
            server.newUser("a1"), server.newUser("a2"), server.newUser("a3"), server.newUser("a4")
        };
        for (TestUser u : askers) {
            ask(u, once);
        }

        assertThat(approve(owner, chat, askers[0])).isEqualTo(MemberStatus.MEMBER);
        var refused =
                assertFails(decide(owner, chat, askers[1], true), ErrorCode.INVITE_HASH_EXPIRED);
        assertThat(refused.getMessage()).contains("used up").contains("dropped");
        assertThat(requests(owner, chat))
                .extracting(JoinRequest::getUserId)
                .containsExactly(askers[2].id(), askers[3].id());
        assertFails(decide(owner, chat, askers[2], true), ErrorCode.INVITE_HASH_EXPIRED);
        // declining needs no usable link
        assertThat(decide(owner, chat, askers[3], false).join().getChatInfo().getSelf().getStatus())
                .isEqualTo(MemberStatus.LEFT);
        assertThat(Invites.list(owner, chat))
                .filteredOn(l -> l.getHash().equals(once.getHash()))
                .singleElement()
                .satisfies(l -> assertThat(l.getUsage()).isEqualTo(1));
        assertFails(Chats.send(askers[1], chat, "am I in?"), ErrorCode.CHANNEL_PRIVATE);

        // a limit of two admits two
        InviteLink twice = vetted(owner, chat, 2, 0);
        TestUser b1 = server.newUser("b1");
        TestUser b2 = server.newUser("b2");
        TestUser b3 = server.newUser("b3");
        ask(b1, twice);
        ask(b2, twice);
        ask(b3, twice);
        assertThat(approve(owner, chat, b1)).isEqualTo(MemberStatus.MEMBER);
        assertThat(approve(owner, chat, b2)).isEqualTo(MemberStatus.MEMBER);
        assertFails(decide(owner, chat, b3, true), ErrorCode.INVITE_HASH_EXPIRED);
    }

    @Test
    void revokingALinkDropsItsRequests() {
        TestUser owner = server.newUser("owner");
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = create(owner, ChatKind.SUPERGROUP, "Closed", "").getChat().getId();
        InviteLink doomed = vetted(owner, chat, 0, 0);
        InviteLink open = vetted(owner, chat, 0, 0);
        ask(alice, doomed);
        ask(bob, open);

        Invites.revoke(owner, doomed).join();
        assertThat(requests(owner, chat))
                .extracting(JoinRequest::getUserId)
                .containsExactly(bob.id());
        assertThat(
                        assertFails(decide(owner, chat, alice, true), ErrorCode.USER_NOT_FOUND)
                                .getMessage())
                .contains("no pending request");
        assertFails(Chats.send(alice, chat, "hello?"), ErrorCode.CHANNEL_PRIVATE);
        assertFails(joinByLink(alice, doomed.getHash()), ErrorCode.INVITE_HASH_EXPIRED);

        assertThat(approve(owner, chat, bob)).isEqualTo(MemberStatus.MEMBER);
    }

    @Test
    void anExpiredLinkAdmitsNobodyAtApproval() {
        TestUser owner = server.newUser("owner");
        TestUser early = server.newUser("early");
        TestUser late = server.newUser("late");
        long chat = create(owner, ChatKind.SUPERGROUP, "Timed", "").getChat().getId();
        InviteLink l = vetted(owner, chat, 0, clock.seconds() + 60);
        ask(early, l);
        ask(late, l);
        assertThat(approve(owner, chat, early)).isEqualTo(MemberStatus.MEMBER);

        clock.advance(Duration.ofSeconds(61));
        assertThat(
                        assertFails(decide(owner, chat, late, true), ErrorCode.INVITE_HASH_EXPIRED)
                                .getMessage())
                .contains("expired");
        assertThat(requests(owner, chat)).isEmpty();
        assertFails(Chats.send(late, chat, "hello?"), ErrorCode.CHANNEL_PRIVATE);
    }

    @Test
    void askingAgainFilesOneRequestAndTellsTheAdminsOnce() {
        TestUser owner = server.newUser("owner");
        TestUser pest = server.newUser("pest");
        TestUser polite = server.newUser("polite");
        long chat = create(owner, ChatKind.SUPERGROUP, "Popular", "").getChat().getId();
        InviteLink first = vetted(owner, chat, 0, 0);
        InviteLink second = vetted(owner, chat, 0, 0);

        for (int i = 0; i < 20; i++) {
            ask(pest, first);
        }
        ask(pest, second); // moves the request to the other link, without a second notice
        ask(polite, first);
        owner.updates().awaitOne(requestOf(polite)); // the later request's notice: a sentinel
        assertThat(owner.updates().all().stream().filter(requestOf(pest))).hasSize(1);
        assertThat(requests(owner, chat))
                .filteredOn(r -> r.getUserId() == pest.id())
                .singleElement()
                .satisfies(r -> assertThat(r.getInviteHash()).isEqualTo(second.getHash()));

        // once decided, a new request is a new one, and announced
        decide(owner, chat, pest, false).join();
        ask(pest, first);
        owner.updates().await(requestOf(pest), 2, Duration.ofSeconds(10));
        assertThat(approve(owner, chat, pest)).isEqualTo(MemberStatus.MEMBER);
    }
}
