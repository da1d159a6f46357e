package org.chapar.server.chat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether message text holds a link, for the {@code embed_links} restriction.
 *
 * <p>The text is first read the way a browser or a linkifier would read it: NFKC (full-width and
 * other compatibility letters become ASCII), invisible characters removed (a zero-width space
 * inside "http://" hides nothing), ideographic full stops read as dots (browsers do), lower case. A
 * link is then any {@code scheme://}, a web scheme without slashes ({@code http:evil.com}, which
 * browsers accept), a known scheme that needs none ({@code mailto:}, {@code tg:}), {@code www.}, a
 * domain or IPv4 address followed by a path, port, query or fragment ({@code evil.example/x}), or a
 * bare domain under a common top-level domain ({@code evil.com}). A bare {@code name.ext} under any
 * other ending is text, so file names, abbreviations ("e.g.") and numbers ("3.5") pass.
 *
 * <p>Host names are found as runs of host characters and checked in code rather than by one regular
 * expression with a repeated group: Java matches repeated groups recursively, and a text of 4,096
 * "a." overflowed the stack.
 */
final class TextLinks {
    private static final String START = "(?<![\\p{L}\\p{M}\\p{N}_-])";
    private static final Pattern PREFIX =
            Pattern.compile(
                    String.join(
                            "|",
                            // any scheme with slashes; a backslash is a slash to browsers
                            "(?<![\\p{L}\\p{N}+.-])[\\p{L}\\p{N}+.-]+:[/\\\\]{2}",
                            START + "(?:https?|ftps?|wss?):\\S",
                            START + "(?:mailto|tg|chapar|javascript|magnet|tel|sms|xmpp|data):\\S",
                            START + "www\\d{0,3}\\.[\\p{L}\\p{N}]"));
    private static final Pattern HOST_RUN = Pattern.compile("[\\p{L}\\p{M}\\p{N}_.-]+");
    private static final Pattern TLD = Pattern.compile("[\\p{L}\\p{M}]{2,63}|xn--[a-z0-9-]+");
    private static final Pattern IPV4 =
            Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** Top-level domains whose bare names ("evil.com") count as links without a path. */
    private static final Set<String> COMMON_TLDS =
            Set.of(
                    "com", "net", "org", "info", "biz", "io", "co", "me", "app", "dev", "ai", "xyz",
                    "top", "online", "site", "club", "shop", "store", "live", "link", "click",
                    "news", "tk", "ml", "ga", "cf", "gq", "ru", "su", "ir", "ua", "by", "kz", "cn",
                    "uk", "de", "fr", "eu", "us", "in", "tv", "cc", "ws", "ly", "gl", "gg", "to",
                    "tr", "br", "nl", "es", "pl", "jp", "kr", "рф");

    private TextLinks() {}

    static boolean find(String text) {
        String s = readable(text);
        if (PREFIX.matcher(s).find()) {
            return true;
        }
        Matcher run = HOST_RUN.matcher(s);
        while (run.find()) {
            String[] hosts = strip(run.group()).split("\\.{2,}");
            boolean path = pathFollows(s, run.end());
            for (int i = 0; i < hosts.length; i++) {
                if (host(hosts[i], path && i == hosts.length - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text as a link reader sees it (see the class comment). */
    static String readable(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints()
                .filter(c -> !invisible(c))
                .map(c -> c == '\u3002' ? '.' : c)
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean host(String host, boolean withPath) {
        int dot = host.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String tld = host.substring(dot + 1);
        return withPath
                ? TLD.matcher(tld).matches() || IPV4.matcher(host).matches()
                : COMMON_TLDS.contains(tld);
    }

    /** A path, query, fragment or port right after a host name. */
    private static boolean pathFollows(String s, int at) {
        if (at >= s.length()) {
            return false;
        }
        char c = s.charAt(at);
        return c == '/'
                || c == '?'
                || c == '#'
                || c == ':' && at + 1 < s.length() && Character.isDigit(s.charAt(at + 1));
    }

    /** The run without leading and trailing dots (an ellipsis, a full stop, a root dot). */
    private static String strip(String run) {
        int from = 0;
        int to = run.length();
        while (from < to && run.charAt(from) == '.') {
            from++;
        }
        while (to > from && run.charAt(to - 1) == '.') {
            to--;
        }
        return run.substring(from, to);
    }

    /**
     * Format characters (zero-width spaces and joiners, bidi controls, the soft hyphen, tags) and
     * the other default-ignorable code points that render as nothing.
     */
    private static boolean invisible(int c) {
        return Character.getType(c) == Character.FORMAT
                || c == 0x034F
                || c == 0x115F
                || c == 0x1160
                || c == 0x17B4
                || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F)
                || c == 0x3164
                || (c >= 0xFE00 && c <= 0xFE0F)
                || c == 0xFFA0
                || (c >= 0xE0100 && c <= 0xE01EF);
    }
}
