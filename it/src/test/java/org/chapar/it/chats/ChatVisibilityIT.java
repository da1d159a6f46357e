package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.peer;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.restrict;

import org.chapar.client.ChaparException;
import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.DecideJoinRequest;
import org.chapar.protocol.DeleteMessages;
import org.chapar.protocol.EditAdmin;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.EditMessage;
import org.chapar.protocol.EditRestrictions;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.GetAdminLog;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.GetInviteLinks;
import org.chapar.protocol.GetJoinRequests;
import org.chapar.protocol.GetMessageViews;
import org.chapar.protocol.GetMessages;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.LeaveChat;
import org.chapar.protocol.PinMessage;
import org.chapar.protocol.ReadHistory;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.UpgradeToSupergroup;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A chat id the caller may not see answers the same whether it exists or not; and a member sees
 * other members' restrictions only as an admin with ban_users.
 */
class ChatVisibilityIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** Every request that names a chat by id, for a chat id. */
    private static final Map<String, LongFunction<ClientFrame.Builder>> BY_ID =
            Map.ofEntries(
                    Map.entry("GetChat", id -> f().setGetChat(GetChat.newBuilder().setChatId(id))),
                    Map.entry(
                            "JoinChat", id -> f().setJoinChat(JoinChat.newBuilder().setChatId(id))),
                    Map.entry(
                            "LeaveChat",
                            id -> f().setLeaveChat(LeaveChat.newBuilder().setChatId(id))),
                    Map.entry(
                            "AddChatMembers",
                            id ->
                                    f().setAddChatMembers(
                                                    AddChatMembers.newBuilder()
                                                            .setChatId(id)
                                                            .addUserIds(1))),
                    Map.entry(
                            "GetChatMembers",
                            id -> f().setGetChatMembers(GetChatMembers.newBuilder().setChatId(id))),
                    Map.entry(
                            "EditAdmin",
                            id ->
                                    f().setEditAdmin(
                                                    EditAdmin.newBuilder()
                                                            .setChatId(id)
                                                            .setUserId(1))),
                    Map.entry(
                            "EditRestrictions",
                            id ->
                                    f().setEditRestrictions(
                                                    EditRestrictions.newBuilder()
                                                            .setChatId(id)
                                                            .setUserId(1))),
                    Map.entry(
                            "EditChat",
                            id ->
                                    f().setEditChat(
                                                    EditChat.newBuilder()
                                                            .setChatId(id)
                                                            .setTitle("x"))),
                    Map.entry(
                            "CreateInviteLink",
                            id ->
                                    f().setCreateInviteLink(
                                                    CreateInviteLink.newBuilder().setChatId(id))),
                    Map.entry(
                            "GetInviteLinks",
                            id -> f().setGetInviteLinks(GetInviteLinks.newBuilder().setChatId(id))),
                    Map.entry(
                            "GetJoinRequests",
                            id ->
                                    f().setGetJoinRequests(
                                                    GetJoinRequests.newBuilder().setChatId(id))),
                    Map.entry(
                            "DecideJoinRequest",
                            id ->
                                    f().setDecideJoinRequest(
                                                    DecideJoinRequest.newBuilder()
                                                            .setChatId(id)
                                                            .setUserId(1))),
                    Map.entry(
                            "PinMessage",
                            id ->
                                    f().setPinMessage(
                                                    PinMessage.newBuilder()
                                                            .setPeer(peer(id))
                                                            .setId(1))),
                    Map.entry(
                            "SendMessage",
                            id ->
                                    f().setSendMessage(
                                                    SendMessage.newBuilder()
                                                            .setPeer(peer(id))
                                                            .setText("x")
                                                            .setRandomId(id))),
                    Map.entry(
                            "EditMessage",
                            id ->
                                    f().setEditMessage(
                                                    EditMessage.newBuilder()
                                                            .setPeer(peer(id))
                                                            .setId(1)
                                                            .setText("x"))),
                    Map.entry(
                            "DeleteMessages",
                            id ->
                                    f().setDeleteMessages(
                                                    DeleteMessages.newBuilder()
                                                            .setPeer(peer(id))
                                                            .addIds(1))),
                    Map.entry(
                            "GetHistory",
                            id -> f().setGetHistory(GetHistory.newBuilder().setPeer(peer(id)))),
                    Map.entry(
                            "GetMessages",
                            id ->
                                    f().setGetMessages(
                                                    GetMessages.newBuilder()
                                                            .setPeer(peer(id))
                                                            .addIds(1))),
                    Map.entry(
                            "ReadHistory",
                            id -> f().setReadHistory(ReadHistory.newBuilder().setPeer(peer(id)))),
                    Map.entry(
                            "ForwardMessage",
                            id ->
                                    f().setForwardMessage(
                                                    ForwardMessage.newBuilder()
                                                            .setFromPeer(peer(id))
                                                            .setId(1)
                                                            .setToPeer(peer(id))
                                                            .setRandomId(id + 1))),
                    Map.entry(
                            "GetMessageViews",
                            id ->
                                    f().setGetMessageViews(
                                                    GetMessageViews.newBuilder()
                                                            .setChatId(id)
                                                            .addIds(1))),
                    Map.entry(
                            "GetAdminLog",
                            id -> f().setGetAdminLog(GetAdminLog.newBuilder().setChatId(id))),
                    Map.entry(
                            "UpgradeToSupergroup",
                            id ->
                                    f().setUpgradeToSupergroup(
                                                    UpgradeToSupergroup.newBuilder()
                                                            .setChatId(id))),
                    Map.entry(
                            "GetChannelDifference",
                            id ->
                                    f().setGetChannelDifference(
                                                    GetChannelDifference.newBuilder()
                                                            .setChatId(id))));

    /** "CODE: message" of the request's refusal. */
    private static String refusal(TestUser u, ClientFrame.Builder request) {
        return call(u, request)
                .handle(
                        (answer, e) ->
                                e != null && e.getCause() instanceof ChaparException ce
                                        ? ce.getCode() + ": " + ce.getMessage()
                                        : "not refused: " + answer + " " + e)
                .join();
    }

    private static ClientFrame.Builder f() {
        return ClientFrame.newBuilder();
    }

    @Test
    void aMissingChatAndSomeoneElsesPrivateChatAnswerTheSame() {
        TestUser owner = server.newUser("owner");
        TestUser outsider = server.newUser("outsider");
        long group = create(owner, ChatKind.GROUP, "Kept", "").getChat().getId();
        long supergroup = create(owner, ChatKind.SUPERGROUP, "Kept too", "").getChat().getId();
        long missing = supergroup + 1_000_000;

        for (var request : BY_ID.entrySet()) {
            for (long chat : List.of(group, supergroup)) {
                String refused = refusal(outsider, request.getValue().apply(chat));
                String absent = refusal(outsider, request.getValue().apply(missing));
                assertThat(refused).as(request.getKey() + " on chat " + chat).isEqualTo(absent);
                assertThat(refused).as(request.getKey()).startsWith("CHANNEL_PRIVATE: ");
            }
        }
        // the allowed case: the chat's own member is answered
        assertThat(
                        call(owner, BY_ID.get("GetChat").apply(group))
                                .join()
                                .getChatInfo()
                                .getChat()
                                .getId())
                .isEqualTo(group);
    }

    @Test
    void onlyAdminsWithBanUsersSeeOtherMembersRestrictions() {
        TestUser owner = server.newUser("owner");
        TestUser muted = server.newUser("muted");
        TestUser member = server.newUser("member");
        TestUser pinner = server.newUser("pinner");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Rules", "", muted, member, pinner)
                        .getChat()
                        .getId();
        promote(owner, chat, pinner, AdminRights.newBuilder().setPinMessages(true).build()).join();
        long until = System.currentTimeMillis() / 1000 + 3600;
        Restrictions noSending = Restrictions.newBuilder().setSendMessages(true).build();
        restrict(owner, chat, muted, noSending, until).join();

        for (TestUser viewer : List.of(member, pinner)) {
            ChatMember seen = mutedIn(viewer, chat, muted);
            assertThat(seen.getRestrictions())
                    .as("seen by %s", viewer.username())
                    .isEqualTo(Restrictions.getDefaultInstance());
            assertThat(seen.getUntilDate()).isZero();
        }
        // allowed: the member themself, and an admin with ban_users
        assertThat(mutedIn(muted, chat, muted).getRestrictions()).isEqualTo(noSending);
        assertThat(mutedIn(muted, chat, muted).getUntilDate()).isEqualTo(until);
        assertThat(
                        call(muted, BY_ID.get("GetChat").apply(chat))
                                .join()
                                .getChatInfo()
                                .getSelf()
                                .getRestrictions())
                .isEqualTo(noSending);
        assertThat(mutedIn(owner, chat, muted).getRestrictions()).isEqualTo(noSending);
        assertThat(mutedIn(owner, chat, muted).getUntilDate()).isEqualTo(until);
    }

    private static ChatMember mutedIn(TestUser viewer, long chat, TestUser muted) {
        return call(viewer, BY_ID.get("GetChatMembers").apply(chat))
                .join()
                .getChatMembers()
                .getMembersList()
                .stream()
                .filter(m -> m.getUserId() == muted.id())
                .findFirst()
                .orElseThrow();
    }
}
