package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.add;
import static org.chapar.it.chats.Chats.banned;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.delete;
import static org.chapar.it.chats.Chats.edit;
import static org.chapar.it.chats.Chats.editChat;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.members;
import static org.chapar.it.chats.Chats.noSending;
import static org.chapar.it.chats.Chats.pin;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/** Every admin right and member restriction: the allowed case and the refused one. */
class ChatRightsIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static AdminRights.Builder rights() {
        return AdminRights.newBuilder();
    }

    @Test
    void membersOfAGroupPostButOutsidersCannot() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        TestUser outsider = server.newUser("outsider");
        long chat = create(owner, ChatKind.GROUP, "Family", "", member).getChat().getId();

        assertThat(send(member, chat, "hi all").join().getMessage().getFromId())
                .isEqualTo(member.id());
        assertFails(send(outsider, chat, "let me in"), ErrorCode.CHANNEL_PRIVATE);
        assertFails(history(outsider, chat), ErrorCode.CHANNEL_PRIVATE);
    }

    @Test
    void onlyAdminsWithPostMessagesPostInAChannel() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        TestUser pinner = server.newUser("pinner");
        TestUser reader = server.newUser("reader");
        long chat =
                create(owner, ChatKind.CHANNEL, "News", "", poster, pinner, reader)
                        .getChat()
                        .getId();
        promote(owner, chat, poster, rights().setPostMessages(true).build()).join();
        promote(owner, chat, pinner, rights().setPinMessages(true).build()).join();

        long post = send(poster, chat, "breaking").join().getMessage().getId();
        assertFails(send(reader, chat, "me too"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(send(pinner, chat, "me too"), ErrorCode.CHAT_WRITE_FORBIDDEN);

        // pin_messages
        pin(pinner, chat, post).join();
        assertFails(pin(poster, chat, post), ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(pin(reader, chat, post), ErrorCode.CHAT_ADMIN_REQUIRED);
    }

    @Test
    void editMessagesLetsAnAdminEditOthersPosts() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        TestUser editor = server.newUser("editor");
        long chat = create(owner, ChatKind.CHANNEL, "News", "", poster, editor).getChat().getId();
        promote(owner, chat, poster, rights().setPostMessages(true).build()).join();
        promote(owner, chat, editor, rights().setEditMessages(true).build()).join();
        long post = send(owner, chat, "draft").join().getMessage().getId();

        assertThat(edit(editor, chat, post, "fixed").join().getMessage().getText())
                .isEqualTo("fixed");
        assertFails(edit(poster, chat, post, "mine now"), ErrorCode.MESSAGE_EDIT_FORBIDDEN);
        long own = send(poster, chat, "my post").join().getMessage().getId();
        assertThat(edit(poster, chat, own, "my post, edited").join().getMessage().getEditDate())
                .isPositive();
    }

    @Test
    void deleteMessagesLetsAnAdminDeleteOthersMessages() {
        TestUser owner = server.newUser("owner");
        TestUser mod = server.newUser("mod");
        TestUser a = server.newUser("member");
        TestUser b = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Club", "", mod, a, b).getChat().getId();
        promote(owner, chat, mod, rights().setDeleteMessages(true).build()).join();
        long m1 = send(a, chat, "spam").join().getMessage().getId();

        assertFails(delete(b, chat, m1), ErrorCode.MESSAGE_DELETE_FORBIDDEN);
        delete(mod, chat, m1).join();
        assertThat(history(b, chat).join().getMessagesList()).noneMatch(m -> m.getId() == m1);
        long m2 = send(b, chat, "oops").join().getMessage().getId();
        delete(b, chat, m2).join(); // one's own message
    }

    @Test
    void banUsersIsNeededToBanAndBannedMembersCannotReadOrReturn() {
        TestUser owner = server.newUser("owner");
        TestUser mod = server.newUser("mod");
        TestUser plainAdmin = server.newUser("admin");
        TestUser troll = server.newUser("troll");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Open", "open_" + owner.id(), mod, plainAdmin)
                        .getChat()
                        .getId();
        join(troll, chat).join();
        promote(owner, chat, mod, rights().setBanUsers(true).build()).join();
        promote(owner, chat, plainAdmin, rights().setPinMessages(true).build()).join();

        assertFails(restrict(plainAdmin, chat, troll, banned(), 0), ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(restrict(troll, chat, mod, banned(), 0), ErrorCode.CHAT_ADMIN_REQUIRED);
        assertThat(restrict(mod, chat, troll, banned(), 0).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.BANNED);

        assertFails(history(troll, chat), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertFails(send(troll, chat, "I am back"), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertFails(join(troll, chat), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertFails(restrict(mod, chat, owner, banned(), 0), ErrorCode.RIGHT_FORBIDDEN);

        restrict(mod, chat, troll, Restrictions.getDefaultInstance(), 0).join(); // unban
        assertThat(join(troll, chat).join().getSelf().getStatus()).isEqualTo(MemberStatus.MEMBER);
    }

    @Test
    void aBanWithAnEndDateEnds() {
        TestUser owner = server.newUser("owner");
        TestUser troll = server.newUser("troll");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Timed", "timed_" + owner.id())
                        .getChat()
                        .getId();
        join(troll, chat).join();
        restrict(owner, chat, troll, banned(), clock.seconds() + 3600).join();
        assertFails(join(troll, chat), ErrorCode.USER_BANNED_IN_CHANNEL);

        clock.advance(Duration.ofSeconds(3601));
        assertThat(join(troll, chat).join().getSelf().getStatus()).isEqualTo(MemberStatus.MEMBER);
        assertThat(history(troll, chat).join().getMessagesList()).isNotEmpty();
    }

    @Test
    void sendMessagesRestrictionRefusesUntilItExpires() {
        TestUser owner = server.newUser("owner");
        TestUser loud = server.newUser("loud");
        TestUser quiet = server.newUser("quiet");
        long chat = create(owner, ChatKind.GROUP, "Quiet room", "", loud, quiet).getChat().getId();
        restrict(owner, chat, loud, noSending(), clock.seconds() + 60).join();

        assertFails(send(loud, chat, "!!!"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        send(quiet, chat, "hello").join();
        assertThat(history(loud, chat).join().getMessagesList()).isNotEmpty(); // can still read

        clock.advance(Duration.ofSeconds(61));
        send(loud, chat, "I may speak again").join();
    }

    @Test
    void embedLinksRestrictionRefusesLinksOnly() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "No links", "", member).getChat().getId();
        restrict(owner, chat, member, Restrictions.newBuilder().setEmbedLinks(true).build(), 0)
                .join();

        assertFails(send(member, chat, "see https://example.org"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        send(member, chat, "no link here").join();
        send(owner, chat, "admins may: https://example.org").join();
    }

    @Test
    void membersInviteUnlessRestrictedAndOnlyAdminsInviteToChannels() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        TestUser friend = server.newUser("friend");
        TestUser other = server.newUser("other");
        long group = create(owner, ChatKind.GROUP, "Friends", "", member).getChat().getId();
        add(member, group, friend).join();
        restrict(owner, group, member, Restrictions.newBuilder().setInviteUsers(true).build(), 0)
                .join();
        assertFails(add(member, group, other), ErrorCode.CHAT_WRITE_FORBIDDEN);

        TestUser inviter = server.newUser("inviter");
        long channel =
                create(owner, ChatKind.CHANNEL, "Feed", "", member, inviter).getChat().getId();
        promote(owner, channel, inviter, rights().setInviteUsers(true).build()).join();
        assertFails(add(member, channel, other), ErrorCode.CHAT_ADMIN_REQUIRED);
        add(inviter, channel, other).join();
    }

    @Test
    void changeInfoAndPinAreMemberPermissionsInGroupsUnlessRestricted() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long group = create(owner, ChatKind.GROUP, "Old title", "", member).getChat().getId();
        long msg = send(owner, group, "pin me").join().getMessage().getId();

        assertThat(
                        editChat(
                                        member,
                                        EditChat.newBuilder()
                                                .setChatId(group)
                                                .setTitle("New title"))
                                .join()
                                .getChat()
                                .getTitle())
                .isEqualTo("New title");
        pin(member, group, msg).join();

        editChat(
                        owner,
                        EditChat.newBuilder()
                                .setChatId(group)
                                .setSetDefaultRestrictions(true)
                                .setDefaultRestrictions(
                                        Restrictions.newBuilder()
                                                .setChangeInfo(true)
                                                .setPinMessages(true)))
                .join();
        assertFails(
                editChat(member, EditChat.newBuilder().setChatId(group).setTitle("Mine")),
                ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(pin(member, group, msg), ErrorCode.CHAT_WRITE_FORBIDDEN);
        editChat(owner, EditChat.newBuilder().setChatId(group).setTitle("Owner's title")).join();
    }

    @Test
    void changeInfoIsAnAdminRightInChannels() {
        TestUser owner = server.newUser("owner");
        TestUser editor = server.newUser("editor");
        TestUser poster = server.newUser("poster");
        long chat =
                create(owner, ChatKind.CHANNEL, "Channel", "", editor, poster).getChat().getId();
        promote(owner, chat, editor, rights().setChangeInfo(true).build()).join();
        promote(owner, chat, poster, rights().setPostMessages(true).build()).join();

        editChat(editor, EditChat.newBuilder().setChatId(chat).setTitle("Renamed")).join();
        assertFails(
                editChat(poster, EditChat.newBuilder().setChatId(chat).setTitle("Mine")),
                ErrorCode.CHAT_ADMIN_REQUIRED);
    }

    @Test
    void adminsGrantOnlyWhatTheyHoldAndTheCreatorStays() {
        TestUser owner = server.newUser("owner");
        TestUser lead = server.newUser("lead");
        TestUser helper = server.newUser("helper");
        TestUser member = server.newUser("member");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Team", "", lead, helper, member)
                        .getChat()
                        .getId();
        promote(
                        owner,
                        chat,
                        lead,
                        rights().setAddAdmins(true)
                                .setPinMessages(true)
                                .setDeleteMessages(true)
                                .setManageCall(true)
                                .build())
                .join();

        // add_admins, within what the granter holds (manage_call included)
        assertThat(
                        promote(
                                        lead,
                                        chat,
                                        helper,
                                        rights().setPinMessages(true).setManageCall(true).build())
                                .join()
                                .getSelf()
                                .getAdminRights()
                                .getManageCall())
                .isTrue();
        assertFails(
                promote(lead, chat, member, rights().setBanUsers(true).build()),
                ErrorCode.RIGHT_FORBIDDEN);
        assertFails(
                promote(helper, chat, member, rights().setPinMessages(true).build()),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(
                promote(member, chat, member, rights().setPinMessages(true).build()),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        // the creator cannot be demoted, not even by an admin with add_admins
        assertFails(
                promote(lead, chat, owner, AdminRights.getDefaultInstance()),
                ErrorCode.RIGHT_FORBIDDEN);
        // demoting: the promoter (or the creator) may
        assertThat(
                        promote(lead, chat, helper, AdminRights.getDefaultInstance())
                                .join()
                                .getSelf()
                                .getStatus())
                .isEqualTo(MemberStatus.MEMBER);
    }

    @Test
    void channelMemberListsAreForAdminsOnly() {
        TestUser owner = server.newUser("owner");
        TestUser reader = server.newUser("reader");
        long channel = create(owner, ChatKind.CHANNEL, "Secret list", "", reader).getChat().getId();
        assertThat(members(owner, channel).join().getChatMembers().getMembersCount()).isEqualTo(2);
        assertFails(members(reader, channel), ErrorCode.CHAT_ADMIN_REQUIRED);

        long group = create(owner, ChatKind.GROUP, "Open list", "", reader).getChat().getId();
        assertThat(members(reader, group).join().getChatMembers().getMembersCount()).isEqualTo(2);
    }
}
