package org.chapar.server.message;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;

import java.util.Optional;

/**
 * Retried sends: a send whose random_id the sender used before is answered with what the first one
 * produced, and nothing new is sent. A purged message leaves an empty record behind (no chat, no
 * message) so that a late retry is refused rather than sent again.
 */
public final class IdempotentSends {
    private IdempotentSends() {}

    /** What the first send with this random_id produced: the message and the sender's pts. */
    public record Earlier(MessageRecord message, long pts) {}

    /** The earlier send with this random_id to {@code chatId}, if there was one. */
    public static Optional<Earlier> find(StoreTx tx, long sender, long randomId, long chatId) {
        Optional<SentRef> found = tx.messages().findSent(sender, randomId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SentRef ref = found.get();
        if (ref.messageId() == 0) {
            throw new ApiException(
                    ErrorCode.MESSAGE_NOT_FOUND, "That message was sent and deleted since");
        }
        if (ref.chatId() != chatId) {
            throw ApiException.badRequest("That random_id was used for a message to another chat");
        }
        MessageRecord m =
                tx.messages()
                        .get(ref.chatId(), ref.messageId())
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                ErrorCode.MESSAGE_NOT_FOUND,
                                                "That message was sent and deleted since"));
        return Optional.of(new Earlier(m, ref.pts()));
    }
}
