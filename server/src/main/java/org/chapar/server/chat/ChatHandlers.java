package org.chapar.server.chat;

import static org.chapar.protocol.ClientFrame.RequestCase.ADD_CHAT_MEMBERS;
import static org.chapar.protocol.ClientFrame.RequestCase.CHECK_INVITE;
import static org.chapar.protocol.ClientFrame.RequestCase.CREATE_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.CREATE_INVITE_LINK;
import static org.chapar.protocol.ClientFrame.RequestCase.DECIDE_JOIN_REQUEST;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_ADMIN;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_INVITE_LINK;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_RESTRICTIONS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_ADMIN_LOG;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_CHANNEL_DIFFERENCE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_CHAT_MEMBERS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_INVITE_LINKS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_JOIN_REQUESTS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_MESSAGE_VIEWS;
import static org.chapar.protocol.ClientFrame.RequestCase.JOIN_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.LEAVE_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.RESOLVE_CHAT;
import static org.chapar.protocol.ClientFrame.RequestCase.SEARCH_CHATS;
import static org.chapar.protocol.ClientFrame.RequestCase.UPGRADE_TO_SUPERGROUP;

import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.core.ApiException;
import org.chapar.server.gateway.Dispatcher;

import java.util.concurrent.CompletableFuture;

/**
 * The requests of shared chats (200-299). Sends, edits and history are routed by MessageHandlers.
 */
public final class ChatHandlers {
    private final ChatService chats;
    private final ChatQueries queries;
    private final ChatAdminService admin;
    private final InviteService invites;
    private final ChatConversations messages;
    private final ChannelSync sync;

    public ChatHandlers(
            ChatService chats,
            ChatQueries queries,
            ChatAdminService admin,
            InviteService invites,
            ChatConversations messages,
            ChannelSync sync) {
        this.chats = chats;
        this.queries = queries;
        this.admin = admin;
        this.invites = invites;
        this.messages = messages;
        this.sync = sync;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                CREATE_CHAT, (ctx, f) -> info(chats.create(ctx.userId(), f.getCreateChat())));
        d.authenticated(
                GET_CHAT, (ctx, f) -> info(queries.info(ctx.userId(), f.getGetChat().getChatId())));
        d.authenticated(
                RESOLVE_CHAT,
                (ctx, f) -> info(queries.resolve(ctx.userId(), f.getResolveChat().getUsername())));
        d.authenticated(
                SEARCH_CHATS,
                (ctx, f) ->
                        queries.search(f.getSearchChats().getQuery(), f.getSearchChats().getLimit())
                                .thenApply(l -> ServerFrame.newBuilder().setChats(l)));
        d.authenticated(
                JOIN_CHAT,
                (ctx, f) -> {
                    var r = f.getJoinChat();
                    return info(
                            switch (r.getTargetCase()) {
                                case CHAT_ID -> chats.joinPublic(ctx.userId(), r.getChatId(), "");
                                case USERNAME -> chats.joinPublic(ctx.userId(), 0, r.getUsername());
                                case INVITE_HASH -> invites.join(ctx.userId(), r.getInviteHash());
                                case TARGET_NOT_SET ->
                                        throw ApiException.badRequest("Say which chat to join");
                            });
                });
        d.authenticated(
                LEAVE_CHAT,
                (ctx, f) -> info(chats.leave(ctx.userId(), f.getLeaveChat().getChatId())));
        d.authenticated(
                ADD_CHAT_MEMBERS,
                (ctx, f) -> info(chats.addMembers(ctx.userId(), f.getAddChatMembers())));
        d.authenticated(
                GET_CHAT_MEMBERS,
                (ctx, f) ->
                        queries.members(ctx.userId(), f.getGetChatMembers())
                                .thenApply(l -> ServerFrame.newBuilder().setChatMembers(l)));
        d.authenticated(
                EDIT_ADMIN,
                (ctx, f) -> {
                    var r = f.getEditAdmin();
                    return info(
                            admin.editAdmin(
                                    ctx.userId(),
                                    r.getChatId(),
                                    r.getUserId(),
                                    Rights.admin(r.getRights())));
                });
        d.authenticated(
                EDIT_RESTRICTIONS,
                (ctx, f) -> {
                    var r = f.getEditRestrictions();
                    return info(
                            admin.editRestrictions(
                                    ctx.userId(),
                                    r.getChatId(),
                                    Targets.one(r.getUserId(), r.getUser(), r.hasUser()),
                                    Rights.banned(r.getRestrictions()),
                                    r.getUntilDate()));
                });
        d.authenticated(EDIT_CHAT, (ctx, f) -> info(admin.editChat(ctx.userId(), f.getEditChat())));
        d.authenticated(
                UPGRADE_TO_SUPERGROUP,
                (ctx, f) ->
                        info(admin.upgrade(ctx.userId(), f.getUpgradeToSupergroup().getChatId())));
        d.authenticated(
                CREATE_INVITE_LINK,
                (ctx, f) ->
                        invites.create(ctx.userId(), f.getCreateInviteLink())
                                .thenApply(l -> ServerFrame.newBuilder().setInviteLink(l)));
        d.authenticated(
                GET_INVITE_LINKS,
                (ctx, f) ->
                        invites.list(
                                        ctx.userId(),
                                        f.getGetInviteLinks().getChatId(),
                                        f.getGetInviteLinks().getRevoked())
                                .thenApply(l -> ServerFrame.newBuilder().setInviteLinks(l)));
        d.authenticated(
                EDIT_INVITE_LINK,
                (ctx, f) ->
                        invites.edit(ctx.userId(), f.getEditInviteLink())
                                .thenApply(l -> ServerFrame.newBuilder().setInviteLink(l)));
        d.authenticated(
                CHECK_INVITE,
                (ctx, f) ->
                        invites.check(ctx.userId(), f.getCheckInvite().getHash())
                                .thenApply(p -> ServerFrame.newBuilder().setInvitePreview(p)));
        d.authenticated(
                GET_JOIN_REQUESTS,
                (ctx, f) ->
                        invites.requests(ctx.userId(), f.getGetJoinRequests().getChatId())
                                .thenApply(l -> ServerFrame.newBuilder().setJoinRequests(l)));
        d.authenticated(
                DECIDE_JOIN_REQUEST,
                (ctx, f) -> {
                    var r = f.getDecideJoinRequest();
                    return info(
                            invites.decide(
                                    ctx.userId(), r.getChatId(), r.getUserId(), r.getApprove()));
                });
        d.authenticated(
                GET_MESSAGE_VIEWS,
                (ctx, f) -> {
                    var r = f.getGetMessageViews();
                    return messages.views(
                                    ctx.userId(), r.getChatId(), r.getIdsList(), r.getIncrement())
                            .thenApply(v -> ServerFrame.newBuilder().setMessageViews(v));
                });
        d.authenticated(
                GET_ADMIN_LOG,
                (ctx, f) -> {
                    var r = f.getGetAdminLog();
                    return sync.adminLog(ctx.userId(), r.getChatId(), r.getMaxId(), r.getLimit())
                            .thenApply(l -> ServerFrame.newBuilder().setAdminLog(l));
                });
        d.authenticated(
                GET_CHANNEL_DIFFERENCE,
                (ctx, f) -> {
                    var r = f.getGetChannelDifference();
                    return sync.difference(ctx.userId(), r.getChatId(), r.getPts(), r.getLimit())
                            .thenApply(diff -> ServerFrame.newBuilder().setChannelDifference(diff));
                });
    }

    private static CompletableFuture<ServerFrame.Builder> info(CompletableFuture<ChatInfo> f) {
        return f.thenApply(i -> ServerFrame.newBuilder().setChatInfo(i));
    }
}
