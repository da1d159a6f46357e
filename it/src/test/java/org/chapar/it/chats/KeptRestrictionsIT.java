package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.add;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.editChat;
import static org.chapar.it.chats.Chats.joinByLink;
import static org.chapar.it.chats.Chats.leave;
import static org.chapar.it.chats.Chats.noSending;
import static org.chapar.it.chats.Chats.pin;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/**
 * Restrictions belong to the (chat, user) pair: leaving and rejoining keeps them, and only an admin
 * with ban_users lifts them, directly or by promoting the user. Expired ones stop applying.
 */
class KeptRestrictionsIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static Restrictions everything() {
        return Restrictions.newBuilder()
                .setSendMessages(true)
                .setPinMessages(true)
                .setChangeInfo(true)
                .setInviteUsers(true)
                .build();
    }

    private static ChatInfo joinByName(TestUser u, String username) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setUsername("@" + username)))
                .join()
                .getChatInfo();
    }

    /** Every restriction of {@link #everything()} is refused; the message id is one to pin. */
    private static void assertRestricted(TestUser u, long chat, long msg, TestUser friend) {
        assertFails(send(u, chat, "I am back"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(pin(u, chat, msg), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(
                editChat(u, EditChat.newBuilder().setChatId(chat).setTitle("Mine")),
                ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(add(u, chat, friend), ErrorCode.CHAT_WRITE_FORBIDDEN);
    }

    @Test
    void restrictionsSurviveLeavingAndRejoiningByName() {
        TestUser owner = server.newUser("owner");
        TestUser muted = server.newUser("muted");
        TestUser free = server.newUser("free");
        TestUser friend = server.newUser("friend");
        String name = "kept_" + owner.id();
        long chat = create(owner, ChatKind.SUPERGROUP, "Open", name, muted, free).getChat().getId();
        long msg = send(owner, chat, "rules").join().getMessage().getId();
        restrict(owner, chat, muted, everything(), 0).join();

        leave(muted, chat).join();
        leave(free, chat).join();
        ChatInfo back = joinByName(muted, name);
        assertThat(back.getSelf().getStatus()).isEqualTo(MemberStatus.MEMBER);
        assertThat(back.getSelf().getRestrictions()).isEqualTo(everything());
        assertRestricted(muted, chat, msg, friend);

        // the control: a member who was not restricted comes back free
        joinByName(free, name);
        send(free, chat, "hello again").join();
        pin(free, chat, msg).join();
    }

    @Test
    void restrictionsSurviveRejoiningAPrivateChatByAnOldInviteLink() {
        TestUser owner = server.newUser("owner");
        TestUser muted = server.newUser("muted");
        TestUser friend = server.newUser("friend");
        long chat = create(owner, ChatKind.SUPERGROUP, "Private", "").getChat().getId();
        String hash =
                Invites.create(owner, CreateInviteLink.newBuilder().setChatId(chat)).getHash();
        joinByLink(muted, hash).join();
        long msg = send(owner, chat, "rules").join().getMessage().getId();
        restrict(owner, chat, muted, everything(), 0).join();

        leave(muted, chat).join();
        joinByLink(muted, hash).join();
        assertRestricted(muted, chat, msg, friend);

        // lifting needs ban_users; then the member is free
        restrict(owner, chat, muted, Restrictions.getDefaultInstance(), 0).join();
        send(muted, chat, "thanks").join();
    }

    @Test
    void anAdminWithBanUsersLiftsTheRestrictionsOfOneWhoLeft() {
        TestUser owner = server.newUser("owner");
        TestUser muted = server.newUser("muted");
        String name = "lift_" + owner.id();
        long chat = create(owner, ChatKind.SUPERGROUP, "Open", name, muted).getChat().getId();
        restrict(owner, chat, muted, noSending(), 0).join();
        leave(muted, chat).join();

        assertThat(
                        restrict(owner, chat, muted, Restrictions.getDefaultInstance(), 0)
                                .join()
                                .getSelf()
                                .getStatus())
                .isEqualTo(MemberStatus.LEFT);
        joinByName(muted, name);
        send(muted, chat, "free again").join();
    }

    @Test
    void expiredRestrictionsDoNotComeBackOnRejoining() {
        TestUser owner = server.newUser("owner");
        TestUser muted = server.newUser("muted");
        String name = "timed_" + owner.id();
        long chat = create(owner, ChatKind.SUPERGROUP, "Timed", name, muted).getChat().getId();
        restrict(owner, chat, muted, noSending(), clock.seconds() + 60).join();
        leave(muted, chat).join();

        joinByName(muted, name);
        assertFails(send(muted, chat, "too soon"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        leave(muted, chat).join();
        clock.advance(Duration.ofSeconds(61));
        joinByName(muted, name);
        send(muted, chat, "time served").join();
    }

    @Test
    void promotingAndDemotingWithoutBanUsersLeavesTheRestrictionsInPlace() {
        TestUser owner = server.newUser("owner");
        TestUser granter = server.newUser("granter");
        TestUser muted = server.newUser("muted");
        long chat = create(owner, ChatKind.GROUP, "Club", "", granter, muted).getChat().getId();
        promote(
                        owner,
                        chat,
                        granter,
                        AdminRights.newBuilder().setAddAdmins(true).setInviteUsers(true).build())
                .join();
        restrict(owner, chat, muted, noSending(), 0).join();

        promote(granter, chat, muted, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        send(muted, chat, "as an admin I may").join(); // they wait while the user is an admin
        ChatInfo demoted = promote(granter, chat, muted, AdminRights.getDefaultInstance()).join();
        assertThat(demoted.getSelf().getStatus()).isEqualTo(MemberStatus.MEMBER);
        assertThat(demoted.getSelf().getRestrictions().getSendMessages()).isTrue();
        assertFails(send(muted, chat, "still muted?"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(
                restrict(granter, chat, muted, Restrictions.getDefaultInstance(), 0),
                ErrorCode.CHAT_ADMIN_REQUIRED);
    }

    @Test
    void aPromotionByAnAdminWithBanUsersLiftsTheRestrictions() {
        TestUser owner = server.newUser("owner");
        TestUser mod = server.newUser("mod");
        TestUser muted = server.newUser("muted");
        long chat = create(owner, ChatKind.SUPERGROUP, "Club", "", mod, muted).getChat().getId();
        promote(
                        owner,
                        chat,
                        mod,
                        AdminRights.newBuilder()
                                .setAddAdmins(true)
                                .setBanUsers(true)
                                .setInviteUsers(true)
                                .build())
                .join();
        restrict(owner, chat, muted, noSending(), 0).join();

        promote(mod, chat, muted, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        ChatInfo demoted = promote(mod, chat, muted, AdminRights.getDefaultInstance()).join();
        assertThat(demoted.getSelf().getRestrictions())
                .isEqualTo(Restrictions.getDefaultInstance());
        send(muted, chat, "free after the promotion").join();
    }
}
