package org.chapar.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.Dialog;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Session;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

/** The JSON shapes of --json output: snake_case fields, one object per line. */
final class JsonView {

    private JsonView() {}

    /**
     * Made on first use: an ObjectMapper takes a noticeable part of a CLI command's start-up, and
     * only --json output and its tests write or read JSON text; the nodes need none.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE =
                new ObjectMapper(
                        new JsonFactoryBuilder().characterEscapes(new TerminalEscapes()).build());
    }

    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** A new, empty JSON object. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * One line of --json output. JSON escapes the C0 controls (ESC among them) anyway; DEL, the C1
     * controls and the bidirectional overrides it would write raw are escaped too
     * (SafeText#unsafe), so a JSON line piped to a terminal is as harmless as the human output.
     */
    static String line(JsonNode n) {
        try {
            return mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static final class TerminalEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && SafeText.unsafe((char) ch)
                    ? new SerializedString(String.format("\\u%04X", ch))
                    : null;
        }
    }

    static ObjectNode user(User u) {
        ObjectNode n = object();
        n.put("id", u.getId());
        n.put("username", u.getUsername());
        n.put("display_name", u.getDisplayName());
        if (u.hasStatus()) {
            n.put("online", u.getStatus().getOnline());
            if (u.getStatus().getLastSeen() != 0) {
                n.put("last_seen", u.getStatus().getLastSeen());
            }
        }
        if (u.getSelf()) {
            n.put("self", true);
        }
        if (u.getBot()) {
            n.put("bot", true);
        }
        return n;
    }

    static ObjectNode peer(Peer p) {
        ObjectNode n = object();
        switch (p.getKindCase()) {
            case USER_ID -> n.put("user_id", p.getUserId());
            case CHAT_ID -> n.put("chat_id", p.getChatId());
            default -> {}
        }
        return n;
    }

    /** A message with its sender, when known, as {@code "from"} (a bot's has {@code "bot"}). */
    static ObjectNode message(Message m, Names names) {
        ObjectNode n = message(m);
        User from = m.getFromId() == 0 ? null : names.get(m.getFromId());
        if (from != null) {
            n.set("from", user(from));
        }
        return n;
    }

    static ObjectNode message(Message m) {
        ObjectNode n = object();
        n.put("id", m.getId());
        n.set("peer", peer(m.getPeer()));
        n.put("from_id", m.getFromId());
        n.put("date", m.getDate());
        n.put("text", m.getText());
        n.put("out", m.getOut());
        if (m.getReplyToId() != 0) {
            n.put("reply_to_id", m.getReplyToId());
        }
        if (m.getEditDate() != 0) {
            n.put("edit_date", m.getEditDate());
        }
        ChatView.addSharedFields(n, m);
        MediaView.addFields(n, m);
        ButtonsView.addFields(n, m);
        return n;
    }

    static ObjectNode dialog(Dialog d, Message top, User user) {
        ObjectNode n = object();
        n.set("peer", peer(d.getPeer()));
        if (user != null) {
            n.set("user", user(user));
        }
        n.put("unread_count", d.getUnreadCount());
        n.put("read_inbox_max_id", d.getReadInboxMaxId());
        n.put("read_outbox_max_id", d.getReadOutboxMaxId());
        if (top != null) {
            n.set("top_message", message(top));
        }
        return n;
    }

    static ObjectNode session(Session s) {
        ObjectNode n = object();
        n.put("id", s.getId());
        n.put("device", s.getDevice());
        n.put("created", s.getCreated());
        n.put("last_active", s.getLastActive());
        n.put("current", s.getCurrent());
        return n;
    }

    /** An update: {"type": "new_message", "pts": .., ...the event's fields}. */
    static ObjectNode update(Update u, Names names) {
        ObjectNode n = object();
        n.put("type", u.getKindCase().name().toLowerCase());
        if (u.getPts() != 0) {
            n.put("pts", u.getPts());
            n.put("pts_count", u.getPtsCount());
        }
        if (u.getChannelId() != 0) {
            n.put("channel_id", u.getChannelId());
        }
        switch (u.getKindCase()) {
            case NEW_MESSAGE -> n.set("message", message(u.getNewMessage().getMessage(), names));
            case EDITED_MESSAGE ->
                    n.set("message", message(u.getEditedMessage().getMessage(), names));
            case DELETED_MESSAGES -> {
                n.set("peer", peer(u.getDeletedMessages().getPeer()));
                u.getDeletedMessages().getIdsList().forEach(n.putArray("ids")::add);
            }
            case READ_INBOX -> {
                n.set("peer", peer(u.getReadInbox().getPeer()));
                n.put("max_id", u.getReadInbox().getMaxId());
                n.put("still_unread", u.getReadInbox().getStillUnread());
            }
            case READ_OUTBOX -> {
                n.set("peer", peer(u.getReadOutbox().getPeer()));
                n.put("max_id", u.getReadOutbox().getMaxId());
            }
            case USER_TYPING -> {
                n.set("peer", peer(u.getUserTyping().getPeer()));
                n.put("user_id", u.getUserTyping().getUserId());
                n.put("action", u.getUserTyping().getAction().name().toLowerCase());
            }
            case USER_STATUS -> {
                n.put("user_id", u.getUserStatus().getUserId());
                n.put("online", u.getUserStatus().getOnline());
                n.put("last_seen", u.getUserStatus().getLastSeen());
            }
            default -> ChatView.addUpdateFields(n, u);
        }
        return n;
    }
}
