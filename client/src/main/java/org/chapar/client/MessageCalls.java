package org.chapar.client;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.DeleteMessages;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.EditMessage;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.GetDialogs;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PinMessage;
import org.chapar.protocol.ReadHistory;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.SetTyping;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The message requests behind {@link ChaparClient} and {@link ChatRequests}: writes, whose answers
 * are also fed to their box as {@link OwnEvents}, and the reads of history and the chat list.
 */
final class MessageCalls {

    private final LinkCalls calls;
    private final OwnEvents own;
    private final OwnMessages mine;

    MessageCalls(LinkCalls calls, OwnEvents own) {
        this.calls = calls;
        this.own = own;
        this.mine = calls.link.mine;
    }

    /** Idempotent by a random_id chosen here: resent after a reconnect, answered once. */
    CompletableFuture<SentMessage> sendMessage(Peer peer, String text, long replyToId) {
        SendMessage.Builder m =
                SendMessage.newBuilder()
                        .setPeer(peer)
                        .setText(text)
                        .setRandomId(LinkCalls.randomId())
                        .setReplyToId(replyToId)
                        .setAuthorTag(mine.tagFor(peer));
        return calls.submit(
                ClientFrame.newBuilder().setSendMessage(m), true, own::sent, this::sentMessage);
    }

    /** A media message; idempotent like a text by its random_id. */
    CompletableFuture<SentMessage> sendMedia(
            Peer peer, InputMedia media, String caption, long groupedId) {
        SendMessage.Builder m =
                SendMessage.newBuilder()
                        .setPeer(peer)
                        .setText(caption == null ? "" : caption)
                        .setMedia(media)
                        .setGroupedId(groupedId)
                        .setRandomId(LinkCalls.randomId())
                        .setAuthorTag(mine.tagFor(peer));
        return calls.submit(
                ClientFrame.newBuilder().setSendMessage(m), true, own::sent, this::sentMessage);
    }

    CompletableFuture<SentMessage> editMessage(Peer peer, long id, String text) {
        EditMessage.Builder m = EditMessage.newBuilder().setPeer(peer).setId(id).setText(text);
        return calls.submit(
                ClientFrame.newBuilder().setEditMessage(m), false, own::edited, this::sentMessage);
    }

    CompletableFuture<AffectedPts> deleteMessages(Peer peer, List<Long> ids, boolean revoke) {
        DeleteMessages.Builder d =
                DeleteMessages.newBuilder().setPeer(peer).addAllIds(ids).setRevoke(revoke);
        return affecting(
                ClientFrame.newBuilder().setDeleteMessages(d),
                u ->
                        u.setDeletedMessages(
                                DeletedMessages.newBuilder().setPeer(peer).addAllIds(ids)));
    }

    CompletableFuture<AffectedPts> readHistory(Peer peer, long maxId) {
        return affecting(
                ClientFrame.newBuilder()
                        .setReadHistory(ReadHistory.newBuilder().setPeer(peer).setMaxId(maxId)),
                u -> u.setReadInbox(ReadInbox.newBuilder().setPeer(peer).setMaxId(maxId)));
    }

    CompletableFuture<AffectedPts> pinMessage(
            Peer peer, long messageId, boolean unpin, boolean silent) {
        PinMessage.Builder b =
                PinMessage.newBuilder()
                        .setPeer(peer)
                        .setId(messageId)
                        .setUnpin(unpin)
                        .setSilent(silent);
        return calls.submit(
                ClientFrame.newBuilder().setPinMessage(b),
                false,
                f -> own.pinned(f, peer, messageId, unpin, silent),
                ServerFrame::getAffected);
    }

    /** Like a send; not resent after a reconnect (see {@link ChatRequests}). */
    CompletableFuture<SentMessage> forwardMessage(Peer from, long messageId, Peer to) {
        ForwardMessage.Builder b =
                ForwardMessage.newBuilder()
                        .setFromPeer(from)
                        .setId(messageId)
                        .setToPeer(to)
                        .setRandomId(LinkCalls.randomId())
                        .setAuthorTag(mine.tagFor(to));
        return calls.submit(
                // sent again after a reconnect like a send: the server answers a repeated
                // random_id with the first copy and counts the forward once
                ClientFrame.newBuilder().setForwardMessage(b), true, own::sent, this::sentMessage);
    }

    CompletableFuture<MessageList> getHistory(Peer peer, long offsetId, int limit) {
        GetHistory.Builder h =
                GetHistory.newBuilder().setPeer(peer).setOffsetId(offsetId).setLimit(limit);
        return calls.typed(
                ClientFrame.newBuilder().setGetHistory(h),
                ServerFrame.BodyCase.MESSAGES,
                f -> mine.mark(f.getMessages()));
    }

    CompletableFuture<DialogList> getDialogs(String offset, int limit) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setGetDialogs(
                                GetDialogs.newBuilder()
                                        .setOffset(LinkCalls.nz(offset))
                                        .setLimit(limit)),
                ServerFrame.BodyCase.DIALOGS,
                f -> mine.mark(f.getDialogs()));
    }

    CompletableFuture<Void> setTyping(Peer peer, TypingAction action) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setSetTyping(SetTyping.newBuilder().setPeer(peer).setAction(action)),
                null,
                f -> null);
    }

    /** The server marks out where it knows the caller wrote the message; this adds the tag's. */
    private SentMessage sentMessage(ServerFrame f) {
        return mine.mark(f.getSentMessage());
    }

    private CompletableFuture<AffectedPts> affecting(
            ClientFrame.Builder frame, Consumer<Update.Builder> event) {
        return calls.submit(frame, false, f -> own.affected(f, event), OwnEvents::affectedPts);
    }
}
