package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.joinByLink;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.it.chats.Invites.check;
import static org.chapar.it.chats.Invites.edit;
import static org.chapar.it.chats.Invites.revoke;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may use and manage a link: a banned user sees no preview; admins manage the links they made,
 * the creator manages all.
 */
class InviteManagersIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static EditInviteLink.Builder openUp(InviteLink l) {
        return EditInviteLink.newBuilder()
                .setChatId(l.getChatId())
                .setHash(l.getHash())
                .setRequiresApproval(false);
    }

    @Test
    void aBannedUserGetsNoPreviewOfTheChat() {
        TestUser owner = server.newUser("owner");
        TestUser outcast = server.newUser("outcast");
        TestUser guest = server.newUser("guest");
        long chat = create(owner, ChatKind.CHANNEL, "Hidden", "", outcast).getChat().getId();
        InviteLink l = Invites.create(owner, CreateInviteLink.newBuilder().setChatId(chat));
        restrict(owner, chat, outcast, Chats.banned(), 0).join();

        var refused = assertFails(check(outcast, l.getHash()), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertThat(refused.getMessage()).doesNotContain("Hidden");
        assertFails(joinByLink(outcast, l.getHash()), ErrorCode.USER_BANNED_IN_CHANNEL);

        assertThat(check(guest, l.getHash()).join().getChat().getTitle()).isEqualTo("Hidden");
        restrict(owner, chat, outcast, Restrictions.getDefaultInstance(), 0).join(); // unban
        assertThat(check(outcast, l.getHash()).join().getChat().getTitle()).isEqualTo("Hidden");
    }

    @Test
    void adminsManageOnlyTheLinksTheyCreated() {
        TestUser owner = server.newUser("owner");
        TestUser doorman = server.newUser("doorman");
        TestUser deputy = server.newUser("deputy");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Guarded", "", doorman, deputy)
                        .getChat()
                        .getId();
        promote(owner, chat, doorman, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        promote(
                        owner,
                        chat,
                        deputy,
                        AdminRights.newBuilder().setInviteUsers(true).setAddAdmins(true).build())
                .join();
        InviteLink owners =
                Invites.create(
                        owner,
                        CreateInviteLink.newBuilder().setChatId(chat).setRequiresApproval(true));
        InviteLink doormans =
                Invites.create(
                        doorman,
                        CreateInviteLink.newBuilder().setChatId(chat).setRequiresApproval(true));

        // refused: another's link, even with add_admins
        assertFails(edit(doorman, openUp(owners)), ErrorCode.RIGHT_FORBIDDEN);
        assertFails(revoke(doorman, owners), ErrorCode.RIGHT_FORBIDDEN);
        assertFails(edit(deputy, openUp(doormans)), ErrorCode.RIGHT_FORBIDDEN);
        assertFails(revoke(deputy, doormans), ErrorCode.RIGHT_FORBIDDEN);
        assertFails(
                joinByLink(server.newUser("guest"), owners.getHash()),
                ErrorCode.INVITE_REQUEST_SENT); // still needs approval

        // allowed: one's own link, and the creator any link
        assertThat(edit(doorman, openUp(doormans)).join().getRequiresApproval()).isFalse();
        joinByLink(server.newUser("guest"), doormans.getHash()).join();
        assertThat(revoke(owner, doormans).join().getRevoked()).isTrue();
        assertThat(edit(owner, openUp(owners)).join().getRequiresApproval()).isFalse();
        InviteLink deputys = Invites.create(deputy, CreateInviteLink.newBuilder().setChatId(chat));
        assertThat(revoke(deputy, deputys).join().getRevoked()).isTrue();
    }

    @Test
    void onlyTheCreatorOfThePrimaryLinkOrTheChatsCreatorReplacesIt() {
        TestUser owner = server.newUser("owner");
        TestUser doorman = server.newUser("doorman");
        long chat = create(owner, ChatKind.GROUP, "Club", "", doorman).getChat().getId();
        promote(owner, chat, doorman, AdminRights.newBuilder().setInviteUsers(true).build()).join();
        CreateInviteLink.Builder replace =
                CreateInviteLink.newBuilder().setChatId(chat).setReplacePrimary(true);
        InviteLink owners = Invites.create(owner, replace);

        // refused: replacing revokes the owner's primary link
        assertFails(
                Chats.call(doorman, ClientFrame.newBuilder().setCreateInviteLink(replace)),
                ErrorCode.RIGHT_FORBIDDEN);
        joinByLink(server.newUser("guest"), owners.getHash()).join(); // still works

        // allowed: with no primary link, and then the doorman's own
        revoke(owner, owners).join();
        InviteLink first = Invites.create(doorman, replace);
        InviteLink second = Invites.create(doorman, replace);
        assertThat(second.getPrimary()).isTrue();
        assertFails(
                joinByLink(server.newUser("late"), first.getHash()), ErrorCode.INVITE_HASH_EXPIRED);
        // and the creator replaces anyone's
        Invites.create(owner, replace);
        assertFails(
                joinByLink(server.newUser("late"), second.getHash()),
                ErrorCode.INVITE_HASH_EXPIRED);
    }
}
