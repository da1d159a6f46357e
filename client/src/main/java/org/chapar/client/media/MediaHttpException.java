package org.chapar.client.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server refused a media request: its HTTP status and the {@code code} of its JSON error body
 * (protocol README "Media", e.g. {@code UPLOAD_TOO_LARGE}, {@code FILE_NOT_FOUND}).
 */
public final class MediaHttpException extends RuntimeException {
    // The error body is one flat object of two strings: {"code":"NAME","message":"text"}.
    private static final Pattern FIELD =
            Pattern.compile("\"(code|message)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    MediaHttpException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static MediaHttpException of(int status, String body, long retryAfterSeconds) {
        String code = "HTTP_" + status;
        String message = "the server answered HTTP " + status;
        Matcher m = FIELD.matcher(body == null ? "" : body);
        while (m.find()) {
            String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            if (m.group(1).equals("code")) {
                code = value;
            } else {
                message = value;
            }
        }
        return new MediaHttpException(status, code, message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    /** The server's error code, or {@code HTTP_<status>} when the answer had no JSON body. */
    public String code() {
        return code;
    }

    /** With {@code TOO_MANY_UPLOADS}: the server's {@code Retry-After}; otherwise 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String toString() {
        return "MediaHttpException{" + status + " " + code + ": " + getMessage() + "}";
    }
}
