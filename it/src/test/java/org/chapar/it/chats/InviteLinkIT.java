package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.joinByLink;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.DecideJoinRequest;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetInviteLinks;
import org.chapar.protocol.GetJoinRequests;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberStatus;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/** Invite links: create, list, edit, revoke, expiry, usage limits, approval, the primary link. */
class InviteLinkIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static InviteLink link(TestUser admin, CreateInviteLink.Builder b) {
        return call(admin, ClientFrame.newBuilder().setCreateInviteLink(b)).join().getInviteLink();
    }

    @Test
    void aPrivateChannelIsJoinedOnlyByLink() {
        TestUser owner = server.newUser("owner");
        TestUser guest = server.newUser("guest");
        long chat = create(owner, ChatKind.CHANNEL, "Private", "").getChat().getId();
        assertFails(Chats.join(guest, chat), ErrorCode.CHANNEL_PRIVATE);

        InviteLink l =
                link(owner, CreateInviteLink.newBuilder().setChatId(chat).setTitle("friends"));
        assertThat(joinByLink(guest, l.getHash()).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.MEMBER);
        assertFails(joinByLink(guest, l.getHash()), ErrorCode.USER_ALREADY_PARTICIPANT);
        var listed =
                call(
                                owner,
                                ClientFrame.newBuilder()
                                        .setGetInviteLinks(
                                                GetInviteLinks.newBuilder().setChatId(chat)))
                        .join()
                        .getInviteLinks()
                        .getLinksList();
        assertThat(listed)
                .anySatisfy(
                        x -> {
                            assertThat(x.getHash()).isEqualTo(l.getHash());
                            assertThat(x.getUsage()).isEqualTo(1);
                        });
        assertFails(joinByLink(guest, "no-such-link"), ErrorCode.INVITE_HASH_INVALID);
    }

    @Test
    void revokedExpiredAndUsedUpLinksFailClearly() {
        TestUser owner = server.newUser("owner");
        long chat = create(owner, ChatKind.SUPERGROUP, "Club", "").getChat().getId();
        InviteLink once =
                link(owner, CreateInviteLink.newBuilder().setChatId(chat).setUsageLimit(1));
        InviteLink soon =
                link(
                        owner,
                        CreateInviteLink.newBuilder()
                                .setChatId(chat)
                                .setExpireDate(clock.seconds() + 60));
        InviteLink revoked = link(owner, CreateInviteLink.newBuilder().setChatId(chat));
        call(
                        owner,
                        ClientFrame.newBuilder()
                                .setEditInviteLink(
                                        EditInviteLink.newBuilder()
                                                .setChatId(chat)
                                                .setHash(revoked.getHash())
                                                .setRevoke(true)))
                .join();

        joinByLink(server.newUser("first"), once.getHash()).join();
        assertThat(
                        assertFails(
                                        joinByLink(server.newUser("second"), once.getHash()),
                                        ErrorCode.INVITE_HASH_EXPIRED)
                                .getMessage())
                .contains("used up");
        assertThat(
                        assertFails(
                                        joinByLink(server.newUser("late"), revoked.getHash()),
                                        ErrorCode.INVITE_HASH_EXPIRED)
                                .getMessage())
                .contains("revoked");
        joinByLink(server.newUser("early"), soon.getHash()).join();
        clock.advance(Duration.ofSeconds(61));
        assertThat(
                        assertFails(
                                        joinByLink(server.newUser("late"), soon.getHash()),
                                        ErrorCode.INVITE_HASH_EXPIRED)
                                .getMessage())
                .contains("expired");

        assertFails(
                call(
                        owner,
                        ClientFrame.newBuilder()
                                .setCreateInviteLink(
                                        CreateInviteLink.newBuilder()
                                                .setChatId(chat)
                                                .setUsageLimit(100_000))),
                ErrorCode.LIMIT_INVALID);
        // an edit can extend a link
        call(
                        owner,
                        ClientFrame.newBuilder()
                                .setEditInviteLink(
                                        EditInviteLink.newBuilder()
                                                .setChatId(chat)
                                                .setHash(once.getHash())
                                                .setUsageLimit(5)))
                .join();
        joinByLink(server.newUser("second"), once.getHash()).join();
    }

    @Test
    void linksThatNeedApprovalFileRequestsThatAdminsDecide() {
        TestUser owner = server.newUser("owner");
        TestUser doorman = server.newUser("doorman");
        TestUser member = server.newUser("member");
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Vetted", "", doorman, member).getChat().getId();
        promote(owner, chat, doorman, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        InviteLink l =
                link(
                        doorman,
                        CreateInviteLink.newBuilder().setChatId(chat).setRequiresApproval(true));

        assertFails(joinByLink(alice, l.getHash()), ErrorCode.INVITE_REQUEST_SENT);
        assertFails(joinByLink(bob, l.getHash()), ErrorCode.INVITE_REQUEST_SENT);
        var told =
                doorman.updates()
                        .awaitOne(
                                u ->
                                        u.hasJoinRequested()
                                                && u.getJoinRequested().getUserId() == bob.id());
        assertThat(told.getJoinRequested().getChatId()).isEqualTo(chat);
        assertThat(member.updates().all()).noneMatch(u -> u.hasJoinRequested());
        assertFails(
                call(
                        member,
                        ClientFrame.newBuilder()
                                .setGetJoinRequests(GetJoinRequests.newBuilder().setChatId(chat))),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        var requests =
                call(
                                doorman,
                                ClientFrame.newBuilder()
                                        .setGetJoinRequests(
                                                GetJoinRequests.newBuilder().setChatId(chat)))
                        .join()
                        .getJoinRequests()
                        .getRequestsList();
        assertThat(requests).extracting(r -> r.getUserId()).containsExactly(alice.id(), bob.id());

        assertFails(
                call(
                        member,
                        ClientFrame.newBuilder()
                                .setDecideJoinRequest(
                                        DecideJoinRequest.newBuilder()
                                                .setChatId(chat)
                                                .setUserId(alice.id())
                                                .setApprove(true))),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        var approved =
                call(
                                doorman,
                                ClientFrame.newBuilder()
                                        .setDecideJoinRequest(
                                                DecideJoinRequest.newBuilder()
                                                        .setChatId(chat)
                                                        .setUserId(alice.id())
                                                        .setApprove(true)))
                        .join()
                        .getChatInfo();
        assertThat(approved.getSelf().getStatus()).isEqualTo(MemberStatus.MEMBER);
        var declined =
                call(
                                doorman,
                                ClientFrame.newBuilder()
                                        .setDecideJoinRequest(
                                                DecideJoinRequest.newBuilder()
                                                        .setChatId(chat)
                                                        .setUserId(bob.id())
                                                        .setApprove(false)))
                        .join()
                        .getChatInfo();
        assertThat(declined.getSelf().getStatus()).isEqualTo(MemberStatus.LEFT);
        Chats.send(alice, chat, "thanks for letting me in").join();
        assertFails(Chats.send(bob, chat, "me too?"), ErrorCode.CHANNEL_PRIVATE);
    }

    @Test
    void thePrimaryLinkCanBeReplacedAndOnlyAdminsManageLinks() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "Group", "", member).getChat().getId();
        InviteLink first =
                link(owner, CreateInviteLink.newBuilder().setChatId(chat).setReplacePrimary(true));
        InviteLink second =
                link(owner, CreateInviteLink.newBuilder().setChatId(chat).setReplacePrimary(true));
        assertThat(second.getPrimary()).isTrue();
        assertThat(second.getHash()).isNotEqualTo(first.getHash());
        assertFails(
                joinByLink(server.newUser("guest"), first.getHash()),
                ErrorCode.INVITE_HASH_EXPIRED);
        joinByLink(server.newUser("guest"), second.getHash()).join();

        assertFails(
                call(
                        member,
                        ClientFrame.newBuilder()
                                .setCreateInviteLink(
                                        CreateInviteLink.newBuilder().setChatId(chat))),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        var revoked =
                call(
                                owner,
                                ClientFrame.newBuilder()
                                        .setGetInviteLinks(
                                                GetInviteLinks.newBuilder()
                                                        .setChatId(chat)
                                                        .setRevoked(true)))
                        .join()
                        .getInviteLinks()
                        .getLinksList();
        assertThat(revoked).extracting(InviteLink::getHash).containsExactly(first.getHash());
    }
}
