package org.chapar.server.message;

import static org.chapar.protocol.ClientFrame.RequestCase.DELETE_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_MESSAGE;
import static org.chapar.protocol.ClientFrame.RequestCase.FORWARD_MESSAGE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_DIALOGS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.PIN_MESSAGE;
import static org.chapar.protocol.ClientFrame.RequestCase.READ_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.SEND_MESSAGE;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** The message requests, whatever their peer, and the chat list. */
public final class MessageHandlers {
    private final Conversations conversations;
    private final DialogQueries dialogs;

    public MessageHandlers(Conversations conversations, DialogQueries dialogs) {
        this.conversations = conversations;
        this.dialogs = dialogs;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                SEND_MESSAGE,
                (ctx, f) -> {
                    return conversations
                            .send(ctx.userId(), f.getSendMessage())
                            .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                });
        d.authenticated(
                EDIT_MESSAGE,
                (ctx, f) -> {
                    var r = f.getEditMessage();
                    return conversations
                            .edit(ctx.userId(), r.getPeer(), r.getId(), r.getText())
                            .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                });
        d.authenticated(
                DELETE_MESSAGES,
                (ctx, f) -> {
                    var r = f.getDeleteMessages();
                    return conversations
                            .delete(ctx.userId(), r.getPeer(), r.getIdsList(), r.getRevoke())
                            .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                });
        d.authenticated(
                READ_HISTORY,
                (ctx, f) -> {
                    var r = f.getReadHistory();
                    return conversations
                            .read(ctx.userId(), r.getPeer(), r.getMaxId())
                            .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                });
        d.authenticated(
                PIN_MESSAGE,
                (ctx, f) -> {
                    var r = f.getPinMessage();
                    return conversations
                            .pin(ctx.userId(), r.getPeer(), r.getId(), r.getUnpin(), r.getSilent())
                            .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                });
        d.authenticated(
                FORWARD_MESSAGE,
                (ctx, f) -> {
                    return conversations
                            .forward(ctx.userId(), f.getForwardMessage())
                            .thenApply(s -> ServerFrame.newBuilder().setSentMessage(s));
                });
        d.authenticated(
                GET_HISTORY,
                (ctx, f) -> {
                    var r = f.getGetHistory();
                    return conversations
                            .history(ctx.userId(), r.getPeer(), r.getOffsetId(), r.getLimit())
                            .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                });
        d.authenticated(
                GET_MESSAGES,
                (ctx, f) -> {
                    var r = f.getGetMessages();
                    return conversations
                            .byIds(ctx.userId(), r.getPeer(), r.getIdsList())
                            .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                });
        d.authenticated(
                GET_DIALOGS,
                (ctx, f) -> {
                    var r = f.getGetDialogs();
                    return dialogs.dialogs(ctx.userId(), r.getOffset(), r.getLimit())
                            .thenApply(list -> ServerFrame.newBuilder().setDialogs(list));
                });
    }
}
