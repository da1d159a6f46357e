package org.chapar.cli;

import java.util.HashMap;
import java.util.Map;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

/** Users seen so far, to show @names instead of ids. */
final class Names {

  private final Map<Long, User> users = new HashMap<>();

  void add(Iterable<User> list) {
    list.forEach(u -> users.put(u.getId(), u));
  }

  void add(User u) {
    users.put(u.getId(), u);
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
      case CHAT_ID -> "chat#" + p.getChatId();
      default -> "?";
    };
  }
}
