package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardHeader;
import org.chapar.protocol.Media;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UnitOfWork;

import java.util.List;
import java.util.Set;

/**
 * What differs between the kinds of conversation (private chats; groups, supergroups and channels)
 * behind the one entry point, {@link Conversations}. Input is checked there; each method here
 * applies the rules of its kind inside the transaction it is given.
 */
public interface ConversationKind {

    /**
     * A message to post: its text is checked, its random_id non-zero, its author tag null or of the
     * right length (kept only where the post is stored without its author).
     */
    record Draft(
            String text,
            long randomId,
            long replyToId,
            ForwardHeader fwd,
            ByteString authorTag,
            Attachment attachment,
            ByteString markup) {

        /** Inside the write, after the message is stored as {@code messageId}. */
        public void attach(StoreTx tx, long me, long chatId, long messageId) {
            if (attachment != null) {
                attachment.attachTo(tx, me, chatId, messageId);
            }
        }

        public boolean hasMedia() {
            return attachment != null;
        }

        /** The message as it is first stored, with the draft's media and album. */
        public MessageRecord media(MessageRecord m) {
            return attachment == null ? m : m.withMedia(attachment.media(), attachment.groupedId());
        }
    }

    /** The answer of a send, and whether it was a retry answered from the first send's record. */
    record Sent(SentMessage answer, boolean retry) {}

    /**
     * A message to forward: the text and attribution to carry, and the channel post whose forward
     * counter grows ({@code countOnChat} 0: none).
     */
    record ForwardSource(
            String text, ForwardHeader header, long countOnChat, long messageId, Media media) {

        /**
         * The message a forward may copy: one the caller sees in the chat, not a service message.
         */
        public static MessageRecord forwardable(StoreTx tx, long chatId, long me, long id) {
            return tx.messages().byIds(chatId, me, List.of(id)).stream()
                    .findFirst()
                    .filter(m -> m.action() == null)
                    .orElseThrow(
                            () ->
                                    new ApiException(
                                            ErrorCode.MESSAGE_NOT_FOUND,
                                            "No message " + id + " to forward"));
        }
    }

    Sent send(UnitOfWork w, long me, Peer peer, Draft draft);

    /**
     * Replaces the text and, unless {@code markup} is null, the entities and buttons (an empty one
     * clears them; see {@link MessageRecord#withMarkup}).
     */
    SentMessage edit(UnitOfWork w, long me, Peer peer, long id, String text, ByteString markup);

    AffectedPts delete(UnitOfWork w, long me, Peer peer, Set<Long> ids, boolean revoke);

    AffectedPts read(UnitOfWork w, long me, Peer peer, long maxId);

    AffectedPts pin(UnitOfWork w, long me, Peer peer, long id, boolean unpin, boolean silent);

    MessageList history(StoreTx tx, long me, Peer peer, long offsetId, int limit);

    MessageList byIds(StoreTx tx, long me, Peer peer, List<Long> ids);

    ForwardSource forwardSource(UnitOfWork w, long me, Peer peer, long id);
}
