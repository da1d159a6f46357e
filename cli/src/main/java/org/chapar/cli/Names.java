package org.chapar.cli;

import org.chapar.protocol.Chat;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

import java.util.HashMap;
import java.util.Map;

/** Users and chats seen so far, to show @names instead of ids. */
final class Names {

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

    String of(Peer p) {
        return switch (p.getKindCase()) {
            case USER_ID -> of(p.getUserId());
            case CHAT_ID ->
                    chats.containsKey(p.getChatId())
                            ? ChatView.address(chats.get(p.getChatId()))
                            : "chat#" + p.getChatId();
            default -> "?";
        };
    }

    /** Like {@link #of(Peer)}, with a known chat's title and kind. */
    String titled(Peer p) {
        Chat c = p.hasChatId() ? chats.get(p.getChatId()) : null;
        return c == null ? of(p) : ChatView.label(c);
    }
}
