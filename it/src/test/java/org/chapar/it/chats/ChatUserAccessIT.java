package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChatRequests;
import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.EditAdmin;
import org.chapar.protocol.EditRestrictions;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.User;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * Shared-chat requests name users by id: a stranger walking ids through them learns nothing (an
 * existing user and a missing id answer alike), while the access hash a User carries, or the target
 * being in the chat, lets the request through.
 */
class ChatUserAccessIT {
    private static final long MISSING = 1L << 40;

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static CompletableFuture<ChatInfo> call(TestUser u, ClientFrame.Builder f) {
        return u.client().call(f).thenApply(ServerFrame::getChatInfo);
    }

    private static CompletableFuture<ChatInfo> addById(TestUser u, long chat, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setAddChatMembers(
                                AddChatMembers.newBuilder().setChatId(chat).addUserIds(id)));
    }

    private static CompletableFuture<ChatInfo> createWith(TestUser u, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setCreateChat(
                                CreateChat.newBuilder()
                                        .setKind(ChatKind.GROUP)
                                        .setTitle("Walk")
                                        .addMemberIds(id)));
    }

    private static CompletableFuture<ChatInfo> promoteById(TestUser u, long chat, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setEditAdmin(
                                EditAdmin.newBuilder()
                                        .setChatId(chat)
                                        .setUserId(id)
                                        .setRights(AdminRights.newBuilder().setPinMessages(true))));
    }

    private static CompletableFuture<ChatInfo> banById(TestUser u, long chat, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setEditRestrictions(
                                EditRestrictions.newBuilder()
                                        .setChatId(chat)
                                        .setUserId(id)
                                        .setRestrictions(
                                                Restrictions.newBuilder().setViewMessages(true))));
    }

    /** The request gives USER_NOT_FOUND with one message for an existing id and a missing one. */
    private static void answersLikeAMissingId(LongFunction<CompletableFuture<?>> request, long id) {
        var existing = assertFails(request.apply(id), ErrorCode.USER_NOT_FOUND);
        var missing = assertFails(request.apply(MISSING), ErrorCode.USER_NOT_FOUND);
        assertThat(existing.getMessage()).isEqualTo(missing.getMessage());
    }

    @Test
    void aStrangerWalkingIdsCannotTellWhoExists() {
        TestUser mallory = server.newUser("mallory");
        // default privacy: without the naming rule first, bob would answer USER_PRIVACY_RESTRICTED
        TestUser bob = server.newUserWithDefaultPrivacy("bob");
        TestUser carol = server.newUser("carol");
        long own =
                new ChatRequests(mallory.client())
                        .createChat(ChatKind.SUPERGROUP, "Mine", "", List.of())
                        .join()
                        .getChat()
                        .getId();

        for (TestUser target : List.of(bob, carol)) {
            answersLikeAMissingId(id -> addById(mallory, own, id), target.id());
            answersLikeAMissingId(id -> createWith(mallory, id), target.id());
            answersLikeAMissingId(id -> promoteById(mallory, own, id), target.id());
            answersLikeAMissingId(id -> banById(mallory, own, id), target.id());
        }
        User forged =
                carol.user().toBuilder().setAccessHash(carol.user().getAccessHash() ^ 1).build();
        assertFails(
                new ChatRequests(mallory.client()).addMembers(own, List.of(forged)),
                ErrorCode.USER_NOT_FOUND);
        assertThat(
                        new ChatRequests(mallory.client())
                                .getChat(own)
                                .join()
                                .getChat()
                                .getMembersCount())
                .isEqualTo(1);
    }

    @Test
    void theHashFromResolveUsernameLetsTheRequestsThrough() {
        TestUser mallory = server.newUser("mallory");
        TestUser bob = server.newUserWithDefaultPrivacy("bob");
        TestUser carol = server.newUser("carol");
        TestUser dave = server.newUser("dave");
        ChatRequests mine = new ChatRequests(mallory.client());
        User shownCarol = mallory.client().resolveUsername(carol.username()).join();
        User shownDave = mallory.client().resolveUsername(dave.username()).join();
        User shownBob = mallory.client().resolveUsername(bob.username()).join();

        ChatInfo group = mine.createChat(ChatKind.GROUP, "Hi", "", List.of(shownCarol)).join();
        assertThat(group.getChat().getMembersCount()).isEqualTo(2);
        long own =
                mine.createChat(ChatKind.SUPERGROUP, "Mine", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        assertThat(mine.addMembers(own, List.of(shownCarol)).join().getChat().getMembersCount())
                .isEqualTo(2);
        // named now, bob's own privacy rule answers
        assertFails(mine.addMembers(own, List.of(shownBob)), ErrorCode.USER_PRIVACY_RESTRICTED);
        // a ban keeps out someone who was never in the chat
        ChatInfo banned =
                mine.editRestrictions(
                                own,
                                shownDave,
                                Restrictions.newBuilder().setViewMessages(true).build(),
                                0)
                        .join();
        assertThat(banned.getSelf().getStatus()).isEqualTo(MemberStatus.BANNED);
        // known to the chat now (banned), but promoting needs a member
        assertFails(
                mine.editAdmin(
                        own, dave.id(), AdminRights.newBuilder().setPinMessages(true).build()),
                ErrorCode.USER_NOT_PARTICIPANT);
    }

    @Test
    void adminsActOnTheirMembersAndFormerMembersByBareId() {
        TestUser owner = server.newUser("owner");
        TestUser bob = server.newUser("bob");
        TestUser carol = server.newUser("carol");
        long chat =
                new ChatRequests(owner.client())
                        .createChat(
                                ChatKind.SUPERGROUP, "Team", "", List.of(bob.user(), carol.user()))
                        .join()
                        .getChat()
                        .getId();

        assertThat(promoteById(owner, chat, bob.id()).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.ADMIN);
        new ChatRequests(carol.client()).leave(chat).join();
        assertThat(addById(owner, chat, carol.id()).join().getChat().getMembersCount())
                .isEqualTo(3);
        assertThat(banById(owner, chat, carol.id()).join().getSelf().getStatus())
                .isEqualTo(MemberStatus.BANNED);
    }
}
