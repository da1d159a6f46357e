package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.Message;
import org.chapar.protocol.SendMessage;
import org.chapar.server.core.ApiException;

/**
 * A message's entities and buttons as stored: a Message holding only those fields, serialized, so
 * that rendering merges them into the message as it is (docs/adr/0015-bot-api.md).
 */
public final class Markups {
    private static final int MAX_BYTES = 16 * 1024;

    private Markups() {}

    /** What a send carries; null when it carries none. */
    static ByteString of(SendMessage r) {
        if (r.getEntitiesCount() == 0 && !r.hasReplyMarkup()) {
            return null;
        }
        Message.Builder b = Message.newBuilder().addAllEntities(r.getEntitiesList());
        if (r.hasReplyMarkup()) {
            b.setReplyMarkup(r.getReplyMarkup());
        }
        return require(b.build().toByteString());
    }

    /** The stored form of entities and buttons (empty: none). */
    public static ByteString of(Message entitiesAndMarkup) {
        return require(entitiesAndMarkup.toByteString());
    }

    public static ByteString orEmpty(ByteString markup) {
        return markup == null ? ByteString.EMPTY : markup;
    }

    private static ByteString require(ByteString b) {
        if (b.size() > MAX_BYTES) {
            throw ApiException.badRequest(
                    "Formatting and buttons take at most " + MAX_BYTES + " bytes");
        }
        return b;
    }
}
