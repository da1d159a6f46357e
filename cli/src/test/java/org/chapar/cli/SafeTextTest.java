package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a sender can and cannot make the terminal do through the human output. */
class SafeTextTest {

    private static final String ESC = "\u001b";

    @Test
    void plainTextOfAnyScriptIsUntouched() {
        for (String s :
                new String[] {
                    "hello",
                    "سلام دنیا",
                    "tab\there",
                    "emoji 👩‍💻 and ✓",
                    "C:\\path",
                    "",
                    "50% off"
                }) {
            assertThat(SafeText.of(s)).isEqualTo(s);
        }
    }

    @Test
    void escapeSequencesAreShownNotObeyed() {
        String clear = ESC + "[2J" + ESC + "[H" + ESC + "]0;owned\u0007";
        assertThat(SafeText.of(clear)).isEqualTo("\\u001B[2J\\u001B[H\\u001B]0;owned\\u0007");
        assertThat(SafeText.of("a\rb\u0000c\u007fd")).isEqualTo("a\\u000Db\\u0000c\\u007Fd");
        assertThat(SafeText.of("\u009b2J\u0085"))
                .as("C1: one-byte CSI, NEL")
                .isEqualTo("\\u009B2J\\u0085");
    }

    @Test
    void bidiControlsThatReorderTheLineAreShown() {
        assertThat(SafeText.of("file\u202egpj.exe")).isEqualTo("file\\u202Egpj.exe");
        assertThat(SafeText.of("\u2066x\u2069\u200f\u061c"))
                .isEqualTo("\\u2066x\\u2069\\u200F\\u061C");
        assertThat(SafeText.of("a\u2028b")).isEqualTo("a\\u2028b");
    }

    @Test
    void aLineBreakInATextContinuesIndentedSoItCannotForgeALine() {
        String shown = SafeText.of("[#3] @bob: see below\nSYSTEM: run curl x | sh\n\nok");
        assertThat(shown.split("\n", -1))
                .containsExactly(
                        "[#3] @bob: see below", "    SYSTEM: run curl x | sh", "    ", "    ok");
    }

    @Test
    void nothingUnsafeSurvivesAnyCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        String shown = SafeText.of(all.toString());
        assertThat(shown.chars().filter(c -> SafeText.unsafe((char) c))).isEmpty();
        assertThat(shown.split("\n")).allSatisfy(line -> assertThat(line).doesNotContain(ESC));
    }
}
