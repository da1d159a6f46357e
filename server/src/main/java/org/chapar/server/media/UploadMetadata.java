package org.chapar.server.media;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tus {@code Upload-Metadata} header: comma-separated {@code key base64value} pairs (a key may
 * have no value). The server reads {@code filename} and {@code filetype}; the header is kept as
 * sent for HEAD.
 */
record UploadMetadata(String header, String name, String mime) {
    static final int MAX_HEADER = 1024;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~!$&'*+^`|-]{1,64}");
    private static final Pattern MIME =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    static UploadMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            return new UploadMetadata("", "", "application/octet-stream");
        }
        if (header.length() > MAX_HEADER) {
            throw HttpError.bad("Upload-Metadata is over " + MAX_HEADER + " bytes");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : header.split(",", -1)) {
            String[] kv = part.trim().split(" ", -1);
            if (kv.length > 2 || !KEY.matcher(kv[0]).matches() || pairs.containsKey(kv[0])) {
                throw HttpError.bad("malformed Upload-Metadata");
            }
            String value = "";
            if (kv.length == 2) {
                try {
                    value = new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw HttpError.bad("an Upload-Metadata value that is not base64");
                }
            }
            pairs.put(kv[0], value);
        }
        return new UploadMetadata(
                header,
                fileName(pairs.getOrDefault("filename", "")),
                mime(pairs.getOrDefault("filetype", "")));
    }

    /** A client's claimed type without parameters, or application/octet-stream if malformed. */
    static String mime(String raw) {
        String type = raw.trim().toLowerCase(java.util.Locale.ROOT);
        int semi = type.indexOf(';');
        if (semi >= 0) {
            type = type.substring(0, semi).trim();
        }
        return MIME.matcher(type).matches() ? type : "application/octet-stream";
    }

    /**
     * The last path segment of a client's name, without control characters, at most 255 bytes of
     * UTF-8 (cut at a code point).
     */
    static String fileName(String raw) {
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || cp == '"') {
                continue;
            }
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 255) {
                break;
            }
            bytes += n;
            b.appendCodePoint(cp);
        }
        String name = b.toString().trim();
        return name.equals(".") || name.equals("..") ? "" : name;
    }
}
