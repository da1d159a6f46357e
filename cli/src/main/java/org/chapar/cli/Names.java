package org.chapar.cli;

import org.chapar.protocol.Chat;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

import java.util.HashMap;
import java.util.Map;

/** Users and chats seen so far, to show @names instead of ids. */
final class Names {

    /** How the private chat with oneself is called (as in Telegram). */
    static final String SAVED_MESSAGES = "Saved Messages";

    private final Map<Long, User> users = new HashMap<>();
    private final Map<Long, Chat> chats = new HashMap<>();

    void add(Iterable<User> list) {
        list.forEach(u -> users.put(u.getId(), u));
    }

    void add(User u) {
        users.put(u.getId(), u);
    }

    void add(Chat c) {
        chats.put(c.getId(), c);
    }

    Chat chat(long id) {
        return chats.get(id);
    }

    User get(long id) {
        return users.get(id);
    }

    String of(long userId) {
        User u = users.get(userId);
        return u == null ? "user#" + userId : "@" + u.getUsername();
    }

    /** A message's sender: {@code @alice}, or {@code @shop_bot (bot)} for a bot. */
    String sender(long userId) {
        User u = users.get(userId);
        return of(userId) + (u != null && u.getBot() ? " (bot)" : "");
    }

    /** A chat: {@code @bob} for the private chat with bob, or a group's or channel's address. */
    String of(Peer p) {
        return switch (p.getKindCase()) {
            case USER_ID -> self(p.getUserId()) ? SAVED_MESSAGES : of(p.getUserId());
            case CHAT_ID ->
                    chats.containsKey(p.getChatId())
                            ? ChatView.address(chats.get(p.getChatId()))
                            : "chat#" + p.getChatId();
            default -> "?";
        };
    }

    private boolean self(long userId) {
        User u = users.get(userId);
        return u != null && u.getSelf();
    }

    /** Like {@link #of(Peer)}, with a known chat's title and kind. */
    String titled(Peer p) {
        Chat c = p.hasChatId() ? chats.get(p.getChatId()) : null;
        return c == null ? of(p) : ChatView.label(c);
    }
}
