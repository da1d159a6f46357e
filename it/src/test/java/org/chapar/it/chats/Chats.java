package org.chapar.it.chats;

import org.chapar.client.Peers;
import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.DeleteMessages;
import org.chapar.protocol.EditAdmin;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.EditMessage;
import org.chapar.protocol.EditRestrictions;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.GetMessageViews;
import org.chapar.protocol.GetMessages;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.LeaveChat;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PinMessage;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.TestUser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared-chat requests in one line each, over the SDK's generic call (the SDK has no typed ones
 * yet).
 */
final class Chats {
    private Chats() {}

    static CompletableFuture<ServerFrame> call(TestUser u, ClientFrame.Builder f) {
        return u.client().call(f);
    }

    static Peer peer(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }

    static ChatInfo create(
            TestUser u, ChatKind kind, String title, String username, TestUser... members) {
        CreateChat.Builder b =
                CreateChat.newBuilder().setKind(kind).setTitle(title).setUsername(username);
        for (TestUser m : members) {
            b.addMembers(Peers.input(m.user()));
        }
        return call(u, ClientFrame.newBuilder().setCreateChat(b)).join().getChatInfo();
    }

    static CompletableFuture<ChatInfo> join(TestUser u, long chatId) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setChatId(chatId)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ChatInfo> joinByLink(TestUser u, String hash) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setInviteHash(hash)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ChatInfo> leave(TestUser u, long chatId) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setLeaveChat(LeaveChat.newBuilder().setChatId(chatId)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ChatInfo> add(TestUser u, long chatId, TestUser... users) {
        AddChatMembers.Builder b = AddChatMembers.newBuilder().setChatId(chatId);
        for (TestUser m : users) {
            b.addUsers(Peers.input(m.user()));
        }
        return call(u, ClientFrame.newBuilder().setAddChatMembers(b))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<SentMessage> send(TestUser u, long chatId, String text) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setSendMessage(
                                        SendMessage.newBuilder()
                                                .setPeer(peer(chatId))
                                                .setText(text)
                                                .setRandomId(
                                                        ThreadLocalRandom.current()
                                                                .nextLong(1, Long.MAX_VALUE))))
                .thenApply(ServerFrame::getSentMessage);
    }

    static CompletableFuture<SentMessage> edit(TestUser u, long chatId, long id, String text) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setEditMessage(
                                        EditMessage.newBuilder()
                                                .setPeer(peer(chatId))
                                                .setId(id)
                                                .setText(text)))
                .thenApply(ServerFrame::getSentMessage);
    }

    static CompletableFuture<ServerFrame> delete(TestUser u, long chatId, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setDeleteMessages(
                                DeleteMessages.newBuilder()
                                        .setPeer(peer(chatId))
                                        .addIds(id)
                                        .setRevoke(true)));
    }

    static CompletableFuture<ServerFrame> pin(TestUser u, long chatId, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setPinMessage(PinMessage.newBuilder().setPeer(peer(chatId)).setId(id)));
    }

    static CompletableFuture<MessageList> history(TestUser u, long chatId) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder()
                                                .setPeer(peer(chatId))
                                                .setLimit(100)))
                .thenApply(ServerFrame::getMessages);
    }

    static CompletableFuture<ChatInfo> promote(
            TestUser by, long chatId, TestUser who, AdminRights rights) {
        return call(
                        by,
                        ClientFrame.newBuilder()
                                .setEditAdmin(
                                        EditAdmin.newBuilder()
                                                .setChatId(chatId)
                                                .setUserId(who.id())
                                                .setRights(rights)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ChatInfo> restrict(
            TestUser by, long chatId, TestUser who, Restrictions r, long until) {
        return call(
                        by,
                        ClientFrame.newBuilder()
                                .setEditRestrictions(
                                        EditRestrictions.newBuilder()
                                                .setChatId(chatId)
                                                .setUserId(who.id())
                                                .setRestrictions(r)
                                                .setUntilDate(until)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ChatInfo> editChat(TestUser by, EditChat.Builder b) {
        return call(by, ClientFrame.newBuilder().setEditChat(b))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ServerFrame> members(TestUser u, long chatId) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setGetChatMembers(GetChatMembers.newBuilder().setChatId(chatId)));
    }

    static CompletableFuture<ServerFrame> channelDifference(TestUser u, long chatId, long pts) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setGetChannelDifference(
                                GetChannelDifference.newBuilder().setChatId(chatId).setPts(pts)));
    }

    static CompletableFuture<MessageList> byIds(TestUser u, long chatId, long... ids) {
        GetMessages.Builder b = GetMessages.newBuilder().setPeer(peer(chatId));
        for (long id : ids) {
            b.addIds(id);
        }
        return call(u, ClientFrame.newBuilder().setGetMessages(b))
                .thenApply(ServerFrame::getMessages);
    }

    static CompletableFuture<ChatInfo> info(TestUser u, long chatId) {
        return call(u, ClientFrame.newBuilder().setGetChat(GetChat.newBuilder().setChatId(chatId)))
                .thenApply(ServerFrame::getChatInfo);
    }

    static CompletableFuture<ServerFrame> views(TestUser u, long chatId, long id) {
        return call(
                u,
                ClientFrame.newBuilder()
                        .setGetMessageViews(
                                GetMessageViews.newBuilder().setChatId(chatId).addIds(id)));
    }

    static CompletableFuture<SentMessage> forward(TestUser u, long fromChat, long id, Peer to) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setForwardMessage(
                                        ForwardMessage.newBuilder()
                                                .setFromPeer(peer(fromChat))
                                                .setId(id)
                                                .setToPeer(to)
                                                .setRandomId(
                                                        ThreadLocalRandom.current()
                                                                .nextLong(1, Long.MAX_VALUE))))
                .thenApply(ServerFrame::getSentMessage);
    }

    static Restrictions banned() {
        return Restrictions.newBuilder().setViewMessages(true).build();
    }

    static Restrictions noSending() {
        return Restrictions.newBuilder().setSendMessages(true).build();
    }
}
