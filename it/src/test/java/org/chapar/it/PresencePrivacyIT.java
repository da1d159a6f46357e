package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMemberList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.Privacy;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.protocol.UserStatus;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collection;
import java.util.List;

/**
 * Who sees a user's online status and last seen (docs/privacy.md "Who sees your online status"),
 * and who may add them to a group: the user's privacy settings, with no side door through groups.
 */
class PresencePrivacyIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final PrivacyAudience SAME = PrivacyAudience.PRIVACY_AUDIENCE_UNSPECIFIED;

    private static UserStatus statusOf(Collection<User> users, TestUser who) {
        return users.stream()
                .filter(u -> u.getId() == who.id())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no user " + who.id() + " in " + users))
                .getStatus();
    }

    private static void assertHidden(UserStatus s) {
        assertThat(s.getOnline()).as("online of %s", s.getUserId()).isFalse();
        assertThat(s.getLastSeen()).as("last seen of %s", s.getUserId()).isZero();
    }

    private static UserStatus seenBy(TestUser viewer, TestUser target) {
        return viewer.client().getUsers(List.of(target.id())).join().get(0).getStatus();
    }

    private static ChatRequests chats(TestUser u) {
        return new ChatRequests(u.client());
    }

    @Test
    void settingsStartAsPartnersAndAreKeptAcrossARestart() {
        TestUser alice = server.newUserWithDefaultPrivacy("alice");
        Privacy defaults = alice.client().getPrivacy().join();
        assertThat(defaults.getLastSeen()).isEqualTo(PrivacyAudience.PARTNERS);
        assertThat(defaults.getGroupInvites()).isEqualTo(PrivacyAudience.PARTNERS);

        Privacy changed = alice.client().setPrivacy(PrivacyAudience.NOBODY, SAME).join();
        assertThat(changed.getLastSeen()).isEqualTo(PrivacyAudience.NOBODY);
        assertThat(changed.getGroupInvites()).isEqualTo(PrivacyAudience.PARTNERS);

        server.restart();
        TestUser again = server.newDevice(alice);
        assertThat(again.client().getPrivacy().join()).isEqualTo(changed);
    }

    @Test
    void writingToSomeoneDoesNotRevealTheirStatusUntilTheyWriteBack() {
        TestUser victim = server.newUserWithDefaultPrivacy("victim");
        TestUser stranger = server.newUserWithDefaultPrivacy("stranger");

        // an invisible message makes a private chat, and its sender no partner of the receiver
        stranger.client().sendMessage(victim.peer(), "\u2800").join();
        assertHidden(seenBy(stranger, victim));
        assertHidden(stranger.client().resolveUsername(victim.username()).join().getStatus());
        assertHidden(
                statusOf(
                        stranger.client().getHistory(victim.peer(), 0, 10).join().getUsersList(),
                        victim));
        // the receiver does see the sender, who chose to write
        assertThat(seenBy(victim, stranger).getOnline()).isTrue();

        victim.client().sendMessage(stranger.peer(), "who are you?").join();
        assertThat(seenBy(stranger, victim).getOnline()).isTrue();
        assertThat(
                        statusOf(
                                        stranger.client()
                                                .getHistory(victim.peer(), 0, 10)
                                                .join()
                                                .getUsersList(),
                                        victim)
                                .getOnline())
                .isTrue();
    }

    @Test
    void aNonMemberReadingAPublicSupergroupSeesNoPostersStatus() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        TestUser reader = server.newUser("reader");
        long chat =
                chats(owner)
                        .createChat(
                                ChatKind.SUPERGROUP, "Open town", "town_" + owner.id(), List.of())
                        .join()
                        .getChat()
                        .getId();
        chats(poster).join(chat).join();
        poster.client().sendMessage(Peers.chat(chat), "hello town").join();

        assertHidden(
                statusOf(
                        reader.client().getHistory(Peers.chat(chat), 0, 10).join().getUsersList(),
                        poster));
        assertHidden(
                statusOf(
                        chats(reader).getChannelDifference(chat, 0, 100).join().getUsersList(),
                        poster));

        // the allowed case: someone who shows their status to everybody is seen
        poster.client().setPrivacy(PrivacyAudience.EVERYBODY, SAME).join();
        assertThat(
                        statusOf(
                                        reader.client()
                                                .getHistory(Peers.chat(chat), 0, 10)
                                                .join()
                                                .getUsersList(),
                                        poster)
                                .getOnline())
                .isTrue();
    }

    @Test
    void aGroupsMemberListShowsOnlyTheStatusOfPeopleWhoWroteToTheViewer() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser carol = server.newUser("carol");
        long chat =
                chats(alice)
                        .createChat(
                                ChatKind.GROUP, "Friends", "", List.of(bob.user(), carol.user()))
                        .join()
                        .getChat()
                        .getId();
        ChatMemberList members =
                chats(bob).getMembers(chat, MemberFilter.FILTER_ALL, 0, 100).join();
        assertHidden(statusOf(members.getUsersList(), alice));
        assertHidden(statusOf(members.getUsersList(), carol));
        assertThat(statusOf(members.getUsersList(), bob).getOnline()).as("one's own").isTrue();

        alice.client().sendMessage(bob.peer(), "hi bob").join();
        members = chats(bob).getMembers(chat, MemberFilter.FILTER_ALL, 0, 100).join();
        assertThat(statusOf(members.getUsersList(), alice).getOnline()).isTrue();
        assertHidden(statusOf(members.getUsersList(), carol));
        // carol shares the group with alice too, but alice never wrote to her
        assertHidden(
                statusOf(
                        chats(carol)
                                .getMembers(chat, MemberFilter.FILTER_ALL, 0, 100)
                                .join()
                                .getUsersList(),
                        alice));
    }

    @Test
    void nobodyHidesTheStatusEvenFromPartnersButNotFromOneself() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "hi").join();
        assertThat(seenBy(bob, alice).getOnline()).isTrue();

        alice.client().setPrivacy(PrivacyAudience.NOBODY, SAME).join();
        assertHidden(seenBy(bob, alice));
        assertThat(alice.client().getMe().join().getStatus().getOnline()).isTrue();
    }

    @Test
    void addingSomeoneToAChatNeedsTheirConsent() {
        TestUser victim = server.newUserWithDefaultPrivacy("victim");
        TestUser stranger = server.newUserWithDefaultPrivacy("stranger");
        assertFails(
                chats(stranger).createChat(ChatKind.GROUP, "Trap", "", List.of(victim.user())),
                ErrorCode.USER_PRIVACY_RESTRICTED);
        long chat =
                chats(stranger)
                        .createChat(ChatKind.SUPERGROUP, "Trap 2", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        assertFails(
                chats(stranger).addMembers(chat, List.of(victim.user())),
                ErrorCode.USER_PRIVACY_RESTRICTED);
        // writing to the victim first does not make the stranger someone they chose
        stranger.client().sendMessage(victim.peer(), "\u2800").join();
        assertFails(
                chats(stranger).addMembers(chat, List.of(victim.user())),
                ErrorCode.USER_PRIVACY_RESTRICTED);
        assertFails(chats(victim).getChat(chat), ErrorCode.CHANNEL_PRIVATE); // not added

        // allowed: someone the victim has written to
        victim.client().sendMessage(stranger.peer(), "ok, add me").join();
        assertThat(
                        chats(stranger)
                                .addMembers(chat, List.of(victim.user()))
                                .join()
                                .getChat()
                                .getId())
                .isEqualTo(chat);

        // allowed: anyone, once the user lets everybody add them
        TestUser open = server.newUserWithDefaultPrivacy("open");
        open.client().setPrivacy(SAME, PrivacyAudience.EVERYBODY).join();
        assertThat(chats(stranger).addMembers(chat, List.of(open.user())).join().getChat().getId())
                .isEqualTo(chat);
    }

    @Test
    void statusPushesStopWhenThePrivateChatIsDeletedForBoth() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser carol = server.newUser("carol");
        // alice's chat with bob comes first, so an update about alice would reach bob before carol
        long toBob = alice.client().sendMessage(bob.peer(), "hi bob").join().getMessage().getId();
        long fromBob =
                bob.client().sendMessage(alice.peer(), "hi alice").join().getMessage().getId();
        alice.client().sendMessage(carol.peer(), "hi carol").join();

        alice.client().close();
        bob.updates().awaitOne(offline(alice));
        carol.updates().awaitOne(offline(alice));

        TestUser phone = server.newDevice(alice);
        phone.client().deleteMessages(bob.peer(), List.of(toBob, fromBob), true).join();
        int seen = bob.updates().all().size();
        phone.client().close();
        carol.updates().await(offline(alice), 2, java.time.Duration.ofSeconds(10));
        carol.client().sendMessage(bob.peer(), "sentinel").join();
        bob.updates().awaitOne(UpdateRecorder.newMessage("sentinel"));

        assertThat(bob.updates().all().subList(seen, bob.updates().all().size()))
                .noneMatch(u -> u.hasUserStatus() && u.getUserStatus().getUserId() == alice.id());
        assertHidden(seenBy(bob, alice));
    }

    private static java.util.function.Predicate<Update> offline(TestUser who) {
        return u ->
                u.hasUserStatus()
                        && u.getUserStatus().getUserId() == who.id()
                        && !u.getUserStatus().getOnline();
    }
}
