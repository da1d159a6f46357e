package org.chapar.server.sync;

/**
 * An event in a user's common box. Message events hold only the message's address and are rendered
 * from the message as it is when read (so edits show and purged messages vanish); other events
 * carry their protobuf body in {@code data}.
 */
public record BoxEvent(
        long pts, int ptsCount, Kind kind, long chatId, long messageId, byte[] data, long date) {

    public enum Kind {
        /** What is left of an event whose message was purged: its pts, nothing else. */
        PURGED(0),
        NEW_MESSAGE(1),
        EDIT_MESSAGE(2),
        DELETE_MESSAGES(3),
        READ_INBOX(4),
        READ_OUTBOX(5),
        PINNED(6),
        CHAT_UPDATED(7),
        /** A bot's: a user pressed one of its inline buttons (data: a CallbackQuery). */
        CALLBACK_QUERY(70),
        /** A bot's: a membership it may see changed (data: a MemberChanged). */
        MEMBER_CHANGED(340),
        /** A bot admin's: someone asked to join (data: a JoinRequested). */
        BOT_JOIN_REQUEST(341);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown box event kind " + code);
        }
    }

    /** This event at the pts its box gave it. */
    public BoxEvent at(long newPts) {
        return new BoxEvent(newPts, ptsCount, kind, chatId, messageId, data, date);
    }

    public static BoxEvent message(Kind kind, long chatId, long messageId, long date) {
        return new BoxEvent(0, 1, kind, chatId, messageId, new byte[0], date);
    }

    public static BoxEvent of(Kind kind, long chatId, byte[] data, int ptsCount, long date) {
        return new BoxEvent(0, ptsCount, kind, chatId, 0, data, date);
    }
}
