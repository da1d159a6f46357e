package org.chapar.bench.driver.xmpp;

/** The few string operations the XMPP client needs on stanzas. */
final class Xml {
    private Xml() {}

    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String r =
                    switch (s.charAt(i)) {
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '&' -> "&amp;";
                        case '"' -> "&quot;";
                        case '\'' -> "&apos;";
                        default -> null;
                    };
            if (r != null && out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (out != null) {
                if (r != null) out.append(r);
                else out.append(s.charAt(i));
            }
        }
        return out == null ? s : out.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) return s;
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Text content of the first {@code <name>...</name>} or null. */
    static String element(String stanza, String name) {
        int open = stanza.indexOf("<" + name);
        if (open < 0) return null;
        int start = stanza.indexOf('>', open);
        if (start < 0 || stanza.charAt(start - 1) == '/') return "";
        int end = stanza.indexOf("</" + name + ">", start);
        return end < 0 ? null : unescape(stanza.substring(start + 1, end));
    }

    /** Value of attribute {@code name} on the stanza's first tag, or null. */
    static String attribute(String stanza, String name) {
        int tagEnd = stanza.indexOf('>');
        for (String q : new String[] {"'", "\""}) {
            int at = stanza.indexOf(" " + name + "=" + q);
            if (at >= 0 && at < tagEnd) {
                int from = at + name.length() + 3;
                return unescape(stanza.substring(from, stanza.indexOf(q, from)));
            }
        }
        return null;
    }
}
