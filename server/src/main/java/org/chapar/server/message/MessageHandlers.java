package org.chapar.server.message;

import static org.chapar.protocol.ClientFrame.RequestCase.DELETE_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_MESSAGE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_DIALOGS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.READ_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.SEND_MESSAGE;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.gateway.Dispatcher;

/** The message and chat-list requests. */
public final class MessageHandlers {
    private final MessageService messages;
    private final MessageQueries queries;

    public MessageHandlers(MessageService messages, MessageQueries queries) {
        this.messages = messages;
        this.queries = queries;
    }

    public void register(Dispatcher d) {
        d.authenticated(SEND_MESSAGE, (ctx, f) -> {
            var r = f.getSendMessage();
            return messages.send(ctx.userId(), r.getPeer(), r.getText(), r.getRandomId(), r.getReplyToId())
                    .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
        });
        d.authenticated(EDIT_MESSAGE, (ctx, f) -> {
            var r = f.getEditMessage();
            return messages.edit(ctx.userId(), r.getPeer(), r.getId(), r.getText())
                    .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
        });
        d.authenticated(DELETE_MESSAGES, (ctx, f) -> {
            var r = f.getDeleteMessages();
            return messages.delete(ctx.userId(), r.getPeer(), r.getIdsList(), r.getRevoke())
                    .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
        });
        d.authenticated(READ_HISTORY, (ctx, f) -> {
            var r = f.getReadHistory();
            return messages.read(ctx.userId(), r.getPeer(), r.getMaxId())
                    .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
        });
        d.authenticated(GET_HISTORY, (ctx, f) -> {
            var r = f.getGetHistory();
            return queries.history(ctx.userId(), r.getPeer(), r.getOffsetId(), r.getLimit())
                    .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
        });
        d.authenticated(GET_MESSAGES, (ctx, f) -> {
            var r = f.getGetMessages();
            return queries.byIds(ctx.userId(), r.getPeer(), r.getIdsList())
                    .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
        });
        d.authenticated(GET_DIALOGS, (ctx, f) -> {
            var r = f.getGetDialogs();
            return queries.dialogs(ctx.userId(), r.getOffset(), r.getLimit())
                    .thenApply(list -> ServerFrame.newBuilder().setDialogs(list));
        });
    }
}
