package org.chapar.server.sync;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chapar.protocol.CallbackQuery;
import org.chapar.protocol.ChatUpdated;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.JoinRequested;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.ReadOutbox;
import org.chapar.protocol.Update;

import java.util.Optional;

/**
 * The one way a stored box event becomes an {@link Update}. Live pushes render the event they have
 * just appended and differences render the events they read back, both here, so a client receives
 * the same bytes for an event whichever way it arrives. What differs per viewer is only how the
 * event's message looks to them, which the caller supplies.
 */
public final class UpdateRenderer {
    private UpdateRenderer() {}

    /**
     * The message an event names as the viewer sees it; empty when they may not see it (purged,
     * hidden for them, edited after they left).
     */
    @FunctionalInterface
    public interface MessageLookup {
        Optional<Message> find(long chatId, long messageId);
    }

    /**
     * The update for an event whose pts is known; {@code channelId} names the chat's own box, 0 for
     * the common box. Empty when the event shows nothing to this viewer (its pts is still covered
     * by the state the client moves to).
     */
    public static Optional<Update> render(BoxEvent e, long channelId, MessageLookup messages) {
        Update.Builder u = Update.newBuilder().setPts(e.pts()).setPtsCount(e.ptsCount());
        if (channelId != 0) {
            u.setChannelId(channelId);
        }
        try {
            switch (e.kind()) {
                case PURGED -> {
                    return Optional.empty();
                }
                case NEW_MESSAGE, EDIT_MESSAGE -> {
                    Optional<Message> m = messages.find(e.chatId(), e.messageId());
                    if (m.isEmpty()) {
                        return Optional.empty();
                    }
                    if (e.kind() == BoxEvent.Kind.NEW_MESSAGE) {
                        u.setNewMessage(NewMessage.newBuilder().setMessage(m.get()));
                    } else {
                        u.setEditedMessage(EditedMessage.newBuilder().setMessage(m.get()));
                    }
                }
                case DELETE_MESSAGES -> u.setDeletedMessages(DeletedMessages.parseFrom(e.data()));
                case READ_INBOX -> u.setReadInbox(ReadInbox.parseFrom(e.data()));
                case READ_OUTBOX -> u.setReadOutbox(ReadOutbox.parseFrom(e.data()));
                case PINNED -> u.setPinnedMessage(PinnedMessage.parseFrom(e.data()));
                case CHAT_UPDATED -> u.setChatUpdated(ChatUpdated.parseFrom(e.data()));
                case CALLBACK_QUERY -> u.setCallbackQuery(CallbackQuery.parseFrom(e.data()));
                case MEMBER_CHANGED -> u.setMemberChanged(MemberChanged.parseFrom(e.data()));
                case BOT_JOIN_REQUEST -> u.setBotJoinRequest(JoinRequested.parseFrom(e.data()));
            }
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalStateException("corrupt box event at pts " + e.pts(), ex);
        }
        return Optional.of(u.build());
    }

    /**
     * The update for an event a write has just appended, with its message as the viewer sees it.
     */
    public static Update live(BoxEvent e, long channelId, Message message) {
        return render(e, channelId, (chatId, id) -> Optional.ofNullable(message))
                .orElseThrow(() -> new IllegalStateException("a live event shows nothing"));
    }
}
