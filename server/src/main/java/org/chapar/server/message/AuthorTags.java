package org.chapar.server.message;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

/**
 * The author tag a client may send with a post (docs/adr/0012-author-tags.md). The server holds no
 * key that could verify it, so it checks only the length and otherwise passes the bytes on.
 */
final class AuthorTags {
    static final int BYTES = 32;

    private AuthorTags() {}

    /** The tag to keep: null when none was sent (older clients); 32 bytes, else refused. */
    static ByteString require(ByteString tag) {
        if (tag.isEmpty()) {
            return null;
        }
        if (tag.size() != BYTES) {
            throw new ApiException(
                    ErrorCode.AUTHOR_TAG_INVALID,
                    "An author_tag is empty or " + BYTES + " bytes, not " + tag.size());
        }
        return tag;
    }
}
