package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/** The SDK's typed chat requests (ChatRequests) answer what the protocol says, errors included. */
class ChatRequestsIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void typedRequestsCoverAChannelsLife() {
        TestUser owner = server.newUser("owner");
        TestUser reader = server.newUser("reader");
        ChatRequests mine = new ChatRequests(owner.client());
        ChatRequests theirs = new ChatRequests(reader.client());
        String name = "sdk_news_" + owner.id();

        ChatInfo created = mine.createChat(ChatKind.CHANNEL, "News", name, List.of()).join();
        long chat = created.getChat().getId();
        assertThat(created.getSelf().getStatus()).isEqualTo(MemberStatus.CREATOR);
        assertThat(theirs.resolveChat("@" + name).join().getChat().getId()).isEqualTo(chat);
        assertThat(theirs.searchChats(name, 5).join()).extracting(c -> c.getId()).contains(chat);
        assertThat(theirs.joinByUsername(name).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.MEMBER);

        long post =
                owner.client().sendMessage(Peers.chat(chat), "hello").join().getMessage().getId();
        assertThat(theirs.getMessageViews(chat, List.of(post), true).join().get(0).getViews())
                .isEqualTo(1);
        assertThat(mine.pinMessage(Peers.chat(chat), post, false, true).join().getPts())
                .isPositive();
        assertThat(theirs.getChat(chat).join().getChat().getPinnedMessageId()).isEqualTo(post);

        assertFails(
                theirs.editAdmin(
                        chat, reader.id(), AdminRights.newBuilder().setPostMessages(true).build()),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        ChatInfo admin =
                mine.editAdmin(
                                chat,
                                reader.id(),
                                AdminRights.newBuilder().setPostMessages(true).build())
                        .join();
        assertThat(admin.getSelf().getStatus()).isEqualTo(MemberStatus.ADMIN);
        assertThat(mine.getMembers(chat, MemberFilter.FILTER_ADMINS, 0, 0).join().getCount())
                .isEqualTo(2);
        assertThat(mine.getAdminLog(chat, 0, 10).join().getEntriesList())
                .extracting(e -> e.getAction())
                .contains("promote");
        mine.editAdmin(chat, reader.id(), AdminRights.getDefaultInstance()).join();

        assertThat(
                        mine.editRestrictions(
                                        chat,
                                        reader.user(),
                                        Restrictions.newBuilder().setViewMessages(true).build(),
                                        0)
                                .join()
                                .getSelf()
                                .getStatus())
                .isEqualTo(MemberStatus.BANNED);
        assertFails(
                reader.client().getHistory(Peers.chat(chat), 0, 10),
                ErrorCode.USER_BANNED_IN_CHANNEL);
        mine.editRestrictions(chat, reader.user(), Restrictions.getDefaultInstance(), 0).join();
        assertThat(
                        mine.editChat(
                                        EditChat.newBuilder()
                                                .setChatId(chat)
                                                .setTitle("Daily News")
                                                .build())
                                .join()
                                .getChat()
                                .getTitle())
                .isEqualTo("Daily News");
    }

    @Test
    void invitesAndJoinRequests() {
        TestUser owner = server.newUser("owner");
        TestUser guest = server.newUser("guest");
        ChatRequests mine = new ChatRequests(owner.client());
        ChatRequests theirs = new ChatRequests(guest.client());
        long chat = mine.createChat(ChatKind.GROUP, "Team", "", List.of()).join().getChat().getId();

        InviteLink link =
                mine.createInviteLink(
                                CreateInviteLink.newBuilder()
                                        .setChatId(chat)
                                        .setRequiresApproval(true)
                                        .build())
                        .join();
        assertThat(theirs.checkInvite(link.getHash()).join().getRequiresApproval()).isTrue();
        assertFails(theirs.joinByInvite(link.getHash()), ErrorCode.INVITE_REQUEST_SENT);
        assertThat(mine.getJoinRequests(chat).join().getRequestsList())
                .extracting(r -> r.getUserId())
                .containsExactly(guest.id());
        assertThat(mine.decideJoinRequest(chat, guest.id(), true).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.MEMBER);
        assertThat(mine.getInviteLinks(chat, false).join())
                .extracting(InviteLink::getHash)
                .contains(link.getHash());
        assertThat(mine.revokeInviteLink(chat, link.getHash()).join().getRevoked()).isTrue();
        assertThat(theirs.leave(chat).join().getSelf().getStatus()).isEqualTo(MemberStatus.LEFT);
        assertThat(mine.addMembers(chat, List.of(guest.user())).join().getChat().getMembersCount())
                .isEqualTo(2);
        assertThat(mine.upgradeToSupergroup(chat).join().getChat().getKind())
                .isEqualTo(ChatKind.SUPERGROUP);
    }
}
