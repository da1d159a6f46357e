package org.chapar.server.message;

/** A position in a chat list ordered by (top date, chat id) descending. */
public record DialogCursor(long topDate, long chatId) {

    String encode() {
        return topDate + "." + chatId;
    }

    static DialogCursor decode(String offset) {
        if (offset == null || offset.isEmpty()) {
            return null;
        }
        int dot = offset.indexOf('.');
        try {
            return new DialogCursor(
                    Long.parseLong(offset.substring(0, dot)),
                    Long.parseLong(offset.substring(dot + 1)));
        } catch (RuntimeException e) {
            throw org.chapar.server.core.ApiException.badRequest(
                    "offset is not one this server gave out");
        }
    }
}
