package org.chapar.client;

import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.AdminLogPage;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMemberList;
import org.chapar.protocol.CheckInvite;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.DecideJoinRequest;
import org.chapar.protocol.EditAdmin;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.EditRestrictions;
import org.chapar.protocol.GetAdminLog;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.GetInviteLinks;
import org.chapar.protocol.GetJoinRequests;
import org.chapar.protocol.GetMessageViews;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.InvitePreview;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.JoinRequestList;
import org.chapar.protocol.LeaveChat;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.Peer;
import org.chapar.protocol.ResolveChat;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SearchChats;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.UpgradeToSupergroup;
import org.chapar.protocol.User;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Typed requests on groups, supergroups and channels (protocol requests 200-299), over a connected
 * {@link ChaparClient}. Messages in shared chats use the client's own methods with {@link
 * Peers#chat}.
 *
 * <pre>{@code
 * ChatRequests chats = new ChatRequests(client);
 * ChatInfo g = chats.createChat(ChatKind.GROUP, "Team", "", List.of(bob)).join();
 * client.sendMessage(Peers.chat(g.getChat().getId()), "hello team").join();
 * }</pre>
 *
 * <p>Like the client's own requests these are not retried across reconnects (a forward is
 * idempotent by its random_id only within one call). Futures fail with {@link ChaparException}.
 */
public final class ChatRequests {

    private final ChaparClient client;

    public ChatRequests(ChaparClient client) {
        this.client = Objects.requireNonNull(client);
    }

    // ---- chats ----

    /**
     * Creates a chat with the caller as creator. {@code username} (supergroups and channels) makes
     * it public; "" keeps it private. {@code members}: groups only, added at once, named with the
     * access hash of the User the server showed you.
     */
    public CompletableFuture<ChatInfo> createChat(
            ChatKind kind, String title, String username, List<User> members) {
        CreateChat.Builder b =
                CreateChat.newBuilder()
                        .setKind(kind)
                        .setTitle(title)
                        .setUsername(LinkCalls.nz(username));
        members.forEach(u -> b.addMembers(Peers.input(u)));
        return chatInfo(ClientFrame.newBuilder().setCreateChat(b));
    }

    public CompletableFuture<ChatInfo> getChat(long chatId) {
        return chatInfo(
                ClientFrame.newBuilder().setGetChat(GetChat.newBuilder().setChatId(chatId)));
    }

    /** A public chat by its username (with or without the leading @). */
    public CompletableFuture<ChatInfo> resolveChat(String username) {
        return chatInfo(
                ClientFrame.newBuilder()
                        .setResolveChat(ResolveChat.newBuilder().setUsername(username)));
    }

    /** Public supergroups and channels whose username starts with {@code query}. */
    public CompletableFuture<List<Chat>> searchChats(String query, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setSearchChats(SearchChats.newBuilder().setQuery(query).setLimit(limit)),
                ServerFrame.BodyCase.CHATS,
                f -> f.getChats().getChatsList());
    }

    /** Joins a public chat by id. */
    public CompletableFuture<ChatInfo> join(long chatId) {
        return chatInfo(
                ClientFrame.newBuilder().setJoinChat(JoinChat.newBuilder().setChatId(chatId)));
    }

    /** Joins a public chat by username. */
    public CompletableFuture<ChatInfo> joinByUsername(String username) {
        return chatInfo(
                ClientFrame.newBuilder().setJoinChat(JoinChat.newBuilder().setUsername(username)));
    }

    /**
     * Joins by invite link hash. A link that needs approval fails with INVITE_REQUEST_SENT: the
     * request is filed and an admin will decide.
     */
    public CompletableFuture<ChatInfo> joinByInvite(String hash) {
        return chatInfo(
                ClientFrame.newBuilder().setJoinChat(JoinChat.newBuilder().setInviteHash(hash)));
    }

    /** What an invite link leads to, without joining. */
    public CompletableFuture<InvitePreview> checkInvite(String hash) {
        return typed(
                ClientFrame.newBuilder().setCheckInvite(CheckInvite.newBuilder().setHash(hash)),
                ServerFrame.BodyCase.INVITE_PREVIEW,
                ServerFrame::getInvitePreview);
    }

    public CompletableFuture<ChatInfo> leave(long chatId) {
        return chatInfo(
                ClientFrame.newBuilder().setLeaveChat(LeaveChat.newBuilder().setChatId(chatId)));
    }

    /** Adds users, named with the access hash of the User the server showed you. */
    public CompletableFuture<ChatInfo> addMembers(long chatId, List<User> users) {
        AddChatMembers.Builder b = AddChatMembers.newBuilder().setChatId(chatId);
        users.forEach(u -> b.addUsers(Peers.input(u)));
        return chatInfo(ClientFrame.newBuilder().setAddChatMembers(b));
    }

    /** Members in join order from {@code offset}; {@code limit} 0 means 100. */
    public CompletableFuture<ChatMemberList> getMembers(
            long chatId, MemberFilter filter, int offset, int limit) {
        GetChatMembers.Builder b =
                GetChatMembers.newBuilder()
                        .setChatId(chatId)
                        .setFilter(filter)
                        .setOffset(offset)
                        .setLimit(limit);
        return typed(
                ClientFrame.newBuilder().setGetChatMembers(b),
                ServerFrame.BodyCase.CHAT_MEMBERS,
                ServerFrame::getChatMembers);
    }

    /** Only the fields set on {@code edit} change; its chat_id names the chat. */
    public CompletableFuture<ChatInfo> editChat(EditChat edit) {
        return chatInfo(ClientFrame.newBuilder().setEditChat(edit));
    }

    /** Creator only: the group becomes a supergroup with the same id, members and history. */
    public CompletableFuture<ChatInfo> upgradeToSupergroup(long chatId) {
        return chatInfo(
                ClientFrame.newBuilder()
                        .setUpgradeToSupergroup(
                                UpgradeToSupergroup.newBuilder().setChatId(chatId)));
    }

    // ---- admins and restrictions ----

    /**
     * Promotes, changes an admin's rights, or with no right set demotes. Answers the target's
     * ChatInfo.
     */
    public CompletableFuture<ChatInfo> editAdmin(long chatId, long userId, AdminRights rights) {
        return chatInfo(
                ClientFrame.newBuilder()
                        .setEditAdmin(
                                EditAdmin.newBuilder()
                                        .setChatId(chatId)
                                        .setUserId(userId)
                                        .setRights(rights)));
    }

    /**
     * Restricts ({@code view_messages}: bans) until {@code untilDate} (unix seconds, 0: forever),
     * or with nothing set lifts restrictions and bans. {@code user} need not be in the chat (a ban
     * keeps them out). Answers the target's ChatInfo.
     */
    public CompletableFuture<ChatInfo> editRestrictions(
            long chatId, User user, Restrictions restrictions, long untilDate) {
        EditRestrictions.Builder b =
                EditRestrictions.newBuilder()
                        .setChatId(chatId)
                        .setUser(Peers.input(user))
                        .setRestrictions(restrictions)
                        .setUntilDate(untilDate);
        return chatInfo(ClientFrame.newBuilder().setEditRestrictions(b));
    }

    /** The admin log, newest first, entries below {@code maxId} (0: from the newest). */
    public CompletableFuture<AdminLogPage> getAdminLog(long chatId, long maxId, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetAdminLog(
                                GetAdminLog.newBuilder()
                                        .setChatId(chatId)
                                        .setMaxId(maxId)
                                        .setLimit(limit)),
                ServerFrame.BodyCase.ADMIN_LOG,
                ServerFrame::getAdminLog);
    }

    // ---- invite links and join requests ----

    /** Its chat_id names the chat; expire_date 0 never expires, usage_limit 0 is unlimited. */
    public CompletableFuture<InviteLink> createInviteLink(CreateInviteLink link) {
        return typed(
                ClientFrame.newBuilder().setCreateInviteLink(link),
                ServerFrame.BodyCase.INVITE_LINK,
                ServerFrame::getInviteLink);
    }

    /** The chat's links; with {@code revoked} the revoked ones instead. */
    public CompletableFuture<List<InviteLink>> getInviteLinks(long chatId, boolean revoked) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetInviteLinks(
                                GetInviteLinks.newBuilder().setChatId(chatId).setRevoked(revoked)),
                ServerFrame.BodyCase.INVITE_LINKS,
                f -> f.getInviteLinks().getLinksList());
    }

    public CompletableFuture<InviteLink> editInviteLink(EditInviteLink edit) {
        return typed(
                ClientFrame.newBuilder().setEditInviteLink(edit),
                ServerFrame.BodyCase.INVITE_LINK,
                ServerFrame::getInviteLink);
    }

    public CompletableFuture<InviteLink> revokeInviteLink(long chatId, String hash) {
        return editInviteLink(
                EditInviteLink.newBuilder()
                        .setChatId(chatId)
                        .setHash(hash)
                        .setRevoke(true)
                        .build());
    }

    public CompletableFuture<JoinRequestList> getJoinRequests(long chatId) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetJoinRequests(GetJoinRequests.newBuilder().setChatId(chatId)),
                ServerFrame.BodyCase.JOIN_REQUESTS,
                ServerFrame::getJoinRequests);
    }

    /** Approves or declines a join request; answers the requester's ChatInfo. */
    public CompletableFuture<ChatInfo> decideJoinRequest(
            long chatId, long userId, boolean approve) {
        return chatInfo(
                ClientFrame.newBuilder()
                        .setDecideJoinRequest(
                                DecideJoinRequest.newBuilder()
                                        .setChatId(chatId)
                                        .setUserId(userId)
                                        .setApprove(approve)));
    }

    // ---- messages in shared chats ----

    /**
     * Pins (or with {@code unpin} unpins) a message; {@code silent} posts no service message. Like
     * the client's own writes, the answer moves the chat's box.
     */
    public CompletableFuture<AffectedPts> pinMessage(
            Peer peer, long messageId, boolean unpin, boolean silent) {
        return client.messages().pinMessage(peer, messageId, unpin, silent);
    }

    /**
     * Forwards a message the caller can see into {@code to}, with attribution. Like a send, the
     * answer is the new message's event in its box.
     */
    public CompletableFuture<SentMessage> forwardMessage(Peer from, long messageId, Peer to) {
        return client.messages().forwardMessage(from, messageId, to);
    }

    /**
     * View counts of channel posts; with {@code increment} the caller's view counts (once per
     * account).
     */
    public CompletableFuture<List<MessageViewCount>> getMessageViews(
            long chatId, List<Long> ids, boolean increment) {
        GetMessageViews.Builder b =
                GetMessageViews.newBuilder()
                        .setChatId(chatId)
                        .addAllIds(ids)
                        .setIncrement(increment);
        return typed(
                ClientFrame.newBuilder().setGetMessageViews(b),
                ServerFrame.BodyCase.MESSAGE_VIEWS,
                f -> f.getMessageViews().getViewsList());
    }

    /** Raw GetChannelDifference; it does not touch the client's own update state. */
    public CompletableFuture<ChannelDifference> getChannelDifference(
            long chatId, long pts, int limit) {
        GetChannelDifference.Builder b =
                GetChannelDifference.newBuilder().setChatId(chatId).setPts(pts).setLimit(limit);
        return typed(
                ClientFrame.newBuilder().setGetChannelDifference(b),
                ServerFrame.BodyCase.CHANNEL_DIFFERENCE,
                f -> client.calls().link.mine.mark(f.getChannelDifference()));
    }

    // ---- helpers ----

    private CompletableFuture<ChatInfo> chatInfo(ClientFrame.Builder frame) {
        return typed(frame, ServerFrame.BodyCase.CHAT_INFO, ServerFrame::getChatInfo);
    }

    private <T> CompletableFuture<T> typed(
            ClientFrame.Builder frame, ServerFrame.BodyCase body, Function<ServerFrame, T> map) {
        return client.calls().typed(frame, body, map);
    }
}
