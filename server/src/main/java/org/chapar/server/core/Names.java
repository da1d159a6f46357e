package org.chapar.server.core;

import java.text.Normalizer;

/**
 * The one cleaning of text that names something to other people: display names, chat titles, invite
 * link titles, device names. A name must look like what it is, so characters that are invisible,
 * blank or that reorder the text around them (bidi controls such as U+202E) are refused rather than
 * silently dropped; the client learns which one. Control characters are dropped, runs of spaces
 * become one space, and the result is NFC.
 *
 * <p>Zero-width (non-)joiners stay allowed between two visible characters: Persian and the Indic
 * scripts need ZWNJ inside words, and emoji sequences need ZWJ.
 */
public final class Names {
    private Names() {}

    /**
     * The cleaned name, cut to {@code max} code points; empty if nothing but space and control
     * characters was given (the caller decides whether that is allowed). BAD_REQUEST naming the
     * character if it holds an invisible or bidi-control one.
     *
     * @param what how the error message names the field, e.g. "A display name"
     */
    public static String clean(String raw, int max, String what) {
        String s = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        int[] cps = s.codePoints().filter(c -> !Character.isISOControl(c)).toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (Character.getType(c) == Character.SPACE_SEPARATOR || Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (isJoiner(c)) {
                if (i == 0 || i == cps.length - 1 || !visible(cps[i - 1]) || !visible(cps[i + 1])) {
                    throw refused(what, c);
                }
                out.appendCodePoint(c);
            } else if (invisible(c)) {
                throw refused(what, c);
            } else {
                out.appendCodePoint(c);
            }
        }
        String name = out.toString().strip();
        return name.codePointCount(0, name.length()) <= max
                ? name
                : name.substring(0, name.offsetByCodePoints(0, max)).strip();
    }

    private static boolean isJoiner(int c) {
        return c == 0x200C || c == 0x200D;
    }

    private static boolean visible(int c) {
        return !isJoiner(c)
                && !invisible(c)
                && !Character.isWhitespace(c)
                && Character.getType(c) != Character.SPACE_SEPARATOR;
    }

    /**
     * Format characters (bidi embeddings, overrides, isolates and marks, zero-width space, word
     * joiner, BOM, soft hyphen, tags), unassigned and private-use code points, line and paragraph
     * separators, lone surrogates, and the letters and symbols that render as blank.
     */
    private static boolean invisible(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR ->
                    true;
            default -> BLANK.indexOf(c) >= 0;
        };
    }

    /** Hangul fillers, Khmer inherent vowels, the combining grapheme joiner, braille blank. */
    private static final String BLANK = "\u115F\u1160\u3164\uFFA0\u17B4\u17B5\u034F\u2800";

    private static ApiException refused(String what, int c) {
        return ApiException.badRequest(
                what
                        + " may not contain invisible or direction-changing characters (U+"
                        + String.format("%04X", c)
                        + ")");
    }
}
