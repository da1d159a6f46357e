package org.chapar.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.junit.jupiter.api.Test;

class AuthorTagsTest {

    private static ByteString bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return ByteString.copyFrom(b);
    }

    @Test
    void noTagIsKeptAsNoneAndA32ByteTagAsItCame() {
        assertThat(AuthorTags.require(ByteString.EMPTY)).isNull();
        assertThat(AuthorTags.require(bytes(32))).isEqualTo(bytes(32));
    }

    @Test
    void anyOtherLengthIsRefusedWithItsOwnCode() {
        for (int n : new int[] {1, 16, 31, 33, 64}) {
            assertThatThrownBy(() -> AuthorTags.require(bytes(n)))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHOR_TAG_INVALID))
                    .hasMessageContaining("32 bytes, not " + n);
        }
    }
}
