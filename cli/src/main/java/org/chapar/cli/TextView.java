package org.chapar.cli;

import org.chapar.protocol.Dialog;
import org.chapar.protocol.Message;
import org.chapar.protocol.Session;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Human-readable lines. */
final class TextView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** The last second shown as a date (the end of year 9999, UTC). */
    private static final long LAST_DATE = 253_402_300_799L;

    private TextView() {}

    /**
     * A server's unix time as a local date; one outside 1970-9999 (which a server may send, and
     * {@link Instant} cannot always hold) is shown as the number.
     */
    static String time(long unixSeconds) {
        if (unixSeconds == 0) {
            return "-";
        }
        if (unixSeconds < 0 || unixSeconds > LAST_DATE) {
            return "unix time " + unixSeconds;
        }
        return TIME.format(Instant.ofEpochSecond(unixSeconds));
    }

    static String user(User u) {
        String s = "@" + u.getUsername() + " (" + u.getDisplayName() + ", id " + u.getId() + ")";
        if (u.hasStatus()) {
            s +=
                    u.getStatus().getOnline()
                            ? " online"
                            : u.getStatus().getLastSeen() != 0
                                    ? " last seen " + time(u.getStatus().getLastSeen())
                                    : "";
        }
        return s;
    }

    /** A message as a chat line: {@code [#12 2026-11-23 14:03] @alice: hi}. */
    static String message(Message m, Names names) {
        String who =
                m.getOut()
                        ? "you"
                        : m.getFromId() == 0 ? names.of(m.getPeer()) : names.sender(m.getFromId());
        String edited = m.getEditDate() != 0 ? " (edited)" : "";
        String reply = m.getReplyToId() != 0 ? " (reply to #" + m.getReplyToId() + ")" : "";
        String action = ChatView.action(m, names);
        if (action != null) {
            return "[#" + m.getId() + " " + time(m.getDate()) + "] (" + action + ")";
        }
        String views = m.getViews() != 0 ? " (" + m.getViews() + " views)" : "";
        return "[#"
                + m.getId()
                + " "
                + time(m.getDate())
                + "] "
                + who
                + reply
                + ": "
                + (m.hasMedia()
                        ? MediaView.text(m) + (m.getText().isEmpty() ? "" : " " + m.getText())
                        : m.getText())
                + edited
                + views
                + ButtonsView.text(m);
    }

    static String dialog(Dialog d, Message top, Names names) {
        String unread = d.getUnreadCount() > 0 ? " (" + d.getUnreadCount() + " unread)" : "";
        String last =
                top == null
                        ? ""
                        : "  "
                                + (top.getOut() ? "you: " : "")
                                + oneLine(top.getText())
                                + "  "
                                + time(top.getDate());
        return names.titled(d.getPeer()) + unread + last;
    }

    static String session(Session s) {
        return s.getId()
                + "  "
                + (s.getDevice().isEmpty() ? "(no name)" : s.getDevice())
                + "  created "
                + time(s.getCreated())
                + "  active "
                + time(s.getLastActive())
                + (s.getCurrent() ? "  (this session)" : "");
    }

    /** What a UserTyping says someone is doing; an action this client does not know is typing. */
    static String activity(TypingAction a) {
        return switch (a) {
            case CANCEL -> "stopped typing";
            case RECORDING_VIDEO -> "is recording a video...";
            case UPLOADING_VIDEO -> "is sending a video...";
            case RECORDING_VOICE -> "is recording a voice message...";
            case UPLOADING_VOICE -> "is sending a voice message...";
            case UPLOADING_PHOTO -> "is sending a photo...";
            case UPLOADING_DOCUMENT -> "is sending a file...";
            case CHOOSING_STICKER -> "is choosing a sticker...";
            case CHOOSING_LOCATION -> "is choosing a location...";
            case RECORDING_VIDEO_NOTE -> "is recording a video message...";
            case UPLOADING_VIDEO_NOTE -> "is sending a video message...";
            case TYPING, UNRECOGNIZED -> "is typing...";
        };
    }

    static String update(Update u, Names names) {
        return switch (u.getKindCase()) {
            case NEW_MESSAGE -> {
                Message m = u.getNewMessage().getMessage();
                yield m.getOut() || m.getPeer().hasChatId()
                        ? "-> " + names.of(m.getPeer()) + " " + message(m, names)
                        : message(m, names);
            }
            case EDITED_MESSAGE ->
                    "edited in "
                            + names.of(u.getEditedMessage().getMessage().getPeer())
                            + ": "
                            + message(u.getEditedMessage().getMessage(), names);
            case DELETED_MESSAGES ->
                    "deleted in "
                            + names.of(u.getDeletedMessages().getPeer())
                            + ": "
                            + u.getDeletedMessages().getIdsList().stream()
                                    .map(id -> "#" + id)
                                    .collect(Collectors.joining(", "));
            case READ_INBOX ->
                    "you read "
                            + names.of(u.getReadInbox().getPeer())
                            + " up to #"
                            + u.getReadInbox().getMaxId();
            case READ_OUTBOX ->
                    names.of(u.getReadOutbox().getPeer())
                            + " read your messages up to #"
                            + u.getReadOutbox().getMaxId();
            case USER_TYPING ->
                    names.of(u.getUserTyping().getUserId())
                            + " "
                            + activity(u.getUserTyping().getAction());
            case USER_STATUS ->
                    names.of(u.getUserStatus().getUserId())
                            + (u.getUserStatus().getOnline() ? " is online" : " went offline");
            case SESSION_REVOKED -> "this session was revoked";
            default -> ChatView.updateText(u, names);
        };
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() > 60 ? t.substring(0, 59) + "…" : t;
    }
}
