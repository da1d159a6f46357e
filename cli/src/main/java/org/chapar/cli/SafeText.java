package org.chapar.cli;

/**
 * Human output made safe for a terminal. Messages, names, titles and error messages come from other
 * people through the server, which does not promise to clean them; printed raw, an escape sequence
 * could clear the screen, retitle the window or draw a fake line of CLI output. So every line the
 * CLI prints for humans passes here ({@link Terminal#show}): control characters (C0, DEL, C1, and
 * with them ESC) and the bidirectional overrides that reorder what is shown become visible escapes
 * as in a Java or JSON string (ESC prints as a backslash and u001B), and a line break inside a text
 * starts an indented continuation line, so nothing a sender writes can begin a line at the left
 * margin. Tabs stay as they are. {@code --json} output does not pass here: JSON escaping does the
 * same job there ({@link JsonView#line}).
 */
final class SafeText {

    static final String CONTINUATION = "    ";

    private SafeText() {}

    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append('\n').append(CONTINUATION);
            } else if (unsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Characters a terminal acts on instead of showing, or that reorder what follows them. */
    static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t' && c != '\n')
                || (c >= 0x7f && c <= 0x9f) // DEL and the C1 controls (0x9b is a one-byte CSI)
                || c == '\u061c' // Arabic letter mark
                || c == '\u200e'
                || c == '\u200f' // left-to-right and right-to-left marks
                || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // isolates
                || c == '\u2028'
                || c == '\u2029'; // line and paragraph separators
    }
}
