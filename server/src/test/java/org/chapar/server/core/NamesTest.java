package org.chapar.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void namesLoseControlCharactersAndExtraSpaceAndAreCut() {
        assertThat(Names.clean("  Bo\u0000b\n ", 64, "A name")).isEqualTo("Bob");
        assertThat(Names.clean("Bob\u00a0\u2003 Smith", 64, "A name")).isEqualTo("Bob Smith");
        assertThat(Names.clean("\uD83D\uDE00".repeat(70), 64, "A name").codePointCount(0, 128))
                .isEqualTo(64);
        assertThat(Names.clean("   ", 64, "A name")).isEmpty();
        assertThat(Names.clean(null, 64, "A name")).isEmpty();
    }

    @Test
    void invisibleBlankAndBidiControlCharactersAreRefused() {
        for (String bad :
                new String[] {
                    "\u202Eevil",
                    "\u200B",
                    "\u3164",
                    "\u2800",
                    "\uFEFFbob",
                    "bob\u2066",
                    "a\u200Fb",
                    "\u00ADbob",
                    "\u200C",
                    "bob\u200D",
                    "\uE000"
                }) {
            assertThatThrownBy(() -> Names.clean(bad, 64, "A name"))
                    .as(bad)
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("invisible or direction-changing");
        }
    }

    @Test
    void joinersBetweenVisibleCharactersStay() {
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0645"; // mi-khaham with a ZWNJ
        assertThat(Names.clean(persian, 64, "A name")).isEqualTo(persian);
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69"; // man ZWJ woman
        assertThat(Names.clean(family, 64, "A name")).isEqualTo(family);
    }
}
