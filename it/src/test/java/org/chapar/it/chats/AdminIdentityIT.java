package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.promote;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MemberStatus;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * Who added a member, made their link or promoted them: never a channel's admin or an anonymous
 * admin, to anyone but admins (the raw-byte check of the same frames is in {@link AnonymityIT}).
 */
class AdminIdentityIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static ChatMember self(TestUser u, long chat) {
        return call(u, ClientFrame.newBuilder().setGetChat(GetChat.newBuilder().setChatId(chat)))
                .join()
                .getChatInfo()
                .getSelf();
    }

    private static List<ChatMember> members(TestUser u, long chat, MemberFilter filter) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setGetChatMembers(
                                        GetChatMembers.newBuilder()
                                                .setChatId(chat)
                                                .setFilter(filter)))
                .join()
                .getChatMembers()
                .getMembersList();
    }

    private static ChatMember memberOf(List<ChatMember> list, TestUser who) {
        return list.stream().filter(m -> m.getUserId() == who.id()).findFirst().orElseThrow();
    }

    private static String link(TestUser admin, long chat) {
        return call(
                        admin,
                        ClientFrame.newBuilder()
                                .setCreateInviteLink(CreateInviteLink.newBuilder().setChatId(chat)))
                .join()
                .getInviteLink()
                .getHash();
    }

    @Test
    void aChannelSubscriberDoesNotLearnWhichAdminAddedThemOrMadeTheirLink() {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("admin");
        long chat = create(owner, ChatKind.CHANNEL, "News", "", admin).getChat().getId();
        promote(owner, chat, admin, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        TestUser added = server.newUser("added");
        Chats.add(admin, chat, added).join();
        TestUser linked = server.newUser("linked");
        ChatMember joined = Chats.joinByLink(linked, link(admin, chat)).join().getSelf();

        assertThat(self(added, chat).getInviterId()).isZero();
        assertThat(joined.getInviterId()).isZero();
        assertThat(self(linked, chat).getInviterId()).isZero();
        // admins see who it was
        List<ChatMember> seenByOwner = members(owner, chat, MemberFilter.FILTER_ALL);
        assertThat(memberOf(seenByOwner, added).getInviterId()).isEqualTo(admin.id());
        assertThat(memberOf(seenByOwner, linked).getInviterId()).isEqualTo(admin.id());
        assertThat(memberOf(seenByOwner, admin).getPromotedBy()).isEqualTo(owner.id());
    }

    @Test
    void anAnonymousAdminIsAPlainMemberToMembers() {
        TestUser owner = server.newUser("owner");
        TestUser shadow = server.newUser("shadow");
        TestUser viewer = server.newUser("viewer");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Quarter", "", shadow, viewer).getChat().getId();
        promote(
                        owner,
                        chat,
                        shadow,
                        AdminRights.newBuilder()
                                .setAnonymous(true)
                                .setInviteUsers(true)
                                .setPinMessages(true)
                                .setAddAdmins(true)
                                .build())
                .join();
        TestUser added = server.newUser("added");
        Chats.add(shadow, chat, added).join();
        TestUser promoted = server.newUser("promoted");
        Chats.add(owner, chat, promoted).join();
        promote(shadow, chat, promoted, AdminRights.newBuilder().setPinMessages(true).build())
                .join();
        TestUser linked = server.newUser("linked");
        Chats.joinByLink(linked, link(shadow, chat)).join();

        List<ChatMember> seen = members(viewer, chat, MemberFilter.FILTER_ALL);
        ChatMember s = memberOf(seen, shadow);
        assertThat(s.getStatus()).isEqualTo(MemberStatus.MEMBER);
        assertThat(s.getAdminRights()).isEqualTo(AdminRights.getDefaultInstance());
        assertThat(s.getPromotedBy()).isZero();
        assertThat(memberOf(seen, added).getInviterId()).isZero();
        assertThat(memberOf(seen, linked).getInviterId()).isZero();
        assertThat(memberOf(seen, promoted).getPromotedBy()).isZero();
        assertThat(memberOf(seen, promoted).getStatus()).isEqualTo(MemberStatus.ADMIN);
        assertThat(members(viewer, chat, MemberFilter.FILTER_ADMINS))
                .extracting(ChatMember::getUserId)
                .containsExactlyInAnyOrder(owner.id(), promoted.id());
        assertThat(self(added, chat).getInviterId()).isZero();
        // a visible actor is still named: the owner added the promoted member
        assertThat(memberOf(seen, promoted).getInviterId()).isEqualTo(owner.id());

        // admins see everything
        List<ChatMember> seenByAdmin = members(promoted, chat, MemberFilter.FILTER_ALL);
        assertThat(memberOf(seenByAdmin, shadow).getStatus()).isEqualTo(MemberStatus.ADMIN);
        assertThat(memberOf(seenByAdmin, shadow).getAdminRights().getAnonymous()).isTrue();
        assertThat(memberOf(seenByAdmin, added).getInviterId()).isEqualTo(shadow.id());
        assertThat(memberOf(seenByAdmin, promoted).getPromotedBy()).isEqualTo(shadow.id());
        assertThat(members(promoted, chat, MemberFilter.FILTER_ADMINS))
                .extracting(ChatMember::getUserId)
                .contains(shadow.id());
        // the anonymous admin sees their own standing
        assertThat(self(shadow, chat).getStatus()).isEqualTo(MemberStatus.ADMIN);
    }
}
