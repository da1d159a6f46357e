package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.MediaKind;
import org.junit.jupiter.api.Test;

import java.util.Base64;

class BotFileIdsTest {
    private final BotFileIds ids = new BotFileIds(new byte[32]);
    private final String file =
            Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

    @Test
    void aFileIdNamesItsFileKindAndThumbnailForItsBotOnly() {
        String id = ids.fileId(7, MediaKind.PHOTO.getNumber(), file, "m");
        var named = ids.parse(7, id).orElseThrow();
        assertThat(named.fileId()).isEqualTo(file);
        assertThat(named.thumb()).isEqualTo("m");
        assertThat(named.is(MediaKind.PHOTO)).isTrue();
        assertThat(ids.parse(8, id)).isEmpty();
        assertThat(ids.parse(7, ids.fileId(7, MediaKind.DOCUMENT.getNumber(), file, "")))
                .hasValueSatisfying(n -> assertThat(n.thumb()).isEmpty());
    }

    @Test
    void anAlteredOrForeignFileIdIsNotParsed() {
        String id = ids.fileId(7, MediaKind.PHOTO.getNumber(), file, "");
        char[] c = id.toCharArray();
        c[5] = c[5] == 'A' ? 'B' : 'A';
        assertThat(ids.parse(7, new String(c))).isEmpty();
        assertThat(new BotFileIds(new byte[] {1}).parse(7, id)).isEmpty();
        assertThat(ids.parse(7, "not base64 !")).isEmpty();
        assertThat(ids.parse(7, file)).isEmpty();
    }

    @Test
    void everyOtherSpellingOfTheLastCharacterIsRefused() {
        String id = ids.fileId(7, MediaKind.PHOTO.getNumber(), file, "");
        String stem = id.substring(0, id.length() - 1);
        int spellings = 0;
        for (char c :
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            if (ids.parse(7, stem + c).isPresent()) spellings++;
        }
        // the id's bytes end mid-character: its unused bits would make several decode the same
        assertThat(id.length() % 4).isNotZero();
        assertThat(spellings).isEqualTo(1);
    }

    @Test
    void theUniqueIdIsTheSameForEveryBotAndDiffersPerThumbnail() {
        assertThat(ids.uniqueId(file, "")).isEqualTo(ids.uniqueId(file, "")).hasSize(16);
        assertThat(ids.uniqueId(file, "s")).isNotEqualTo(ids.uniqueId(file, ""));
    }
}
