package org.chapar.server.message;

import static org.chapar.protocol.ClientFrame.RequestCase.DELETE_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.EDIT_MESSAGE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_DIALOGS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_MESSAGES;
import static org.chapar.protocol.ClientFrame.RequestCase.READ_HISTORY;
import static org.chapar.protocol.ClientFrame.RequestCase.SEND_MESSAGE;

import org.chapar.protocol.ServerFrame;
import org.chapar.server.chat.ChatMessageService;
import org.chapar.server.gateway.Dispatcher;

/** The message and chat-list requests. */
public final class MessageHandlers {
    private final MessageService messages;
    private final MessageQueries queries;
    private final ChatMessageService chats;

    /** {@code chats} serves the same requests when their peer is a group, supergroup or channel. */
    public MessageHandlers(
            MessageService messages, MessageQueries queries, ChatMessageService chats) {
        this.messages = messages;
        this.queries = queries;
        this.chats = chats;
    }

    public void register(Dispatcher d) {
        d.authenticated(
                SEND_MESSAGE,
                (ctx, f) -> {
                    var r = f.getSendMessage();
                    if (r.getPeer().hasChatId()) {
                        return chats.send(
                                        ctx.userId(),
                                        r.getPeer().getChatId(),
                                        Texts.require(r.getText()),
                                        r.getRandomId(),
                                        r.getReplyToId())
                                .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                    }
                    return messages.send(
                                    ctx.userId(),
                                    r.getPeer(),
                                    r.getText(),
                                    r.getRandomId(),
                                    r.getReplyToId())
                            .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                });
        d.authenticated(
                EDIT_MESSAGE,
                (ctx, f) -> {
                    var r = f.getEditMessage();
                    if (r.getPeer().hasChatId()) {
                        return chats.edit(
                                        ctx.userId(),
                                        r.getPeer().getChatId(),
                                        r.getId(),
                                        Texts.require(r.getText()))
                                .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                    }
                    return messages.edit(ctx.userId(), r.getPeer(), r.getId(), r.getText())
                            .thenApply(sent -> ServerFrame.newBuilder().setSentMessage(sent));
                });
        d.authenticated(
                DELETE_MESSAGES,
                (ctx, f) -> {
                    var r = f.getDeleteMessages();
                    if (r.getPeer().hasChatId()) {
                        return chats.delete(
                                        ctx.userId(),
                                        r.getPeer().getChatId(),
                                        r.getIdsList(),
                                        r.getRevoke())
                                .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                    }
                    return messages.delete(ctx.userId(), r.getPeer(), r.getIdsList(), r.getRevoke())
                            .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                });
        d.authenticated(
                READ_HISTORY,
                (ctx, f) -> {
                    var r = f.getReadHistory();
                    if (r.getPeer().hasChatId()) {
                        return chats.read(ctx.userId(), r.getPeer().getChatId(), r.getMaxId())
                                .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                    }
                    return messages.read(ctx.userId(), r.getPeer(), r.getMaxId())
                            .thenApply(a -> ServerFrame.newBuilder().setAffected(a));
                });
        d.authenticated(
                GET_HISTORY,
                (ctx, f) -> {
                    var r = f.getGetHistory();
                    if (r.getPeer().hasChatId()) {
                        return chats.history(
                                        ctx.userId(),
                                        r.getPeer().getChatId(),
                                        r.getOffsetId(),
                                        r.getLimit())
                                .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                    }
                    return queries.history(ctx.userId(), r.getPeer(), r.getOffsetId(), r.getLimit())
                            .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                });
        d.authenticated(
                GET_MESSAGES,
                (ctx, f) -> {
                    var r = f.getGetMessages();
                    if (r.getPeer().hasChatId()) {
                        return chats.byIds(ctx.userId(), r.getPeer().getChatId(), r.getIdsList())
                                .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                    }
                    return queries.byIds(ctx.userId(), r.getPeer(), r.getIdsList())
                            .thenApply(list -> ServerFrame.newBuilder().setMessages(list));
                });
        d.authenticated(
                GET_DIALOGS,
                (ctx, f) -> {
                    var r = f.getGetDialogs();
                    return queries.dialogs(ctx.userId(), r.getOffset(), r.getLimit())
                            .thenApply(list -> ServerFrame.newBuilder().setDialogs(list));
                });
    }
}
