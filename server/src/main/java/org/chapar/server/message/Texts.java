package org.chapar.server.message;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

/** The rules for message text and media captions. */
public final class Texts {
    static final int MAX_LENGTH = 4096;

    private Texts() {}

    static final int MAX_CAPTION = 1024;

    /** A media message's caption: may be empty. */
    static String caption(String text) {
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CAPTION) {
            throw new ApiException(
                    ErrorCode.MEDIA_CAPTION_TOO_LONG,
                    "A caption has at most " + MAX_CAPTION + " characters; this one has " + length);
        }
        return text;
    }

    /**
     * The new text of an edit of {@code m}: a caption (1,024 characters, may be empty) if it
     * carries media, else message text (4,096, not blank).
     */
    public static String edited(MessageRecord m, String text) {
        return m.media() != null ? caption(text) : require(text);
    }

    static String require(String text) {
        if (text == null || text.isBlank()) {
            throw new ApiException(ErrorCode.MESSAGE_EMPTY, "A message needs some text");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            throw new ApiException(
                    ErrorCode.MESSAGE_TOO_LONG,
                    "A message has at most " + MAX_LENGTH + " characters; this one has " + length);
        }
        return text;
    }
}
