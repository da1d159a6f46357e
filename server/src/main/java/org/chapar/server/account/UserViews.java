package org.chapar.server.account;

import java.util.Collection;
import java.util.List;
import java.util.function.LongPredicate;
import org.chapar.protocol.User;
import org.chapar.protocol.UserStatus;

/** Renders accounts as the protocol's User, with presence, as one viewer sees them. */
public final class UserViews {
    private final LongPredicate online;

    public UserViews(LongPredicate online) {
        this.online = online;
    }

    public User render(AccountRecord a, long viewer) {
        return User.newBuilder().setId(a.id()).setUsername(a.username()).setDisplayName(a.displayName())
                .setStatus(status(a.id(), a.lastSeen())).setSelf(a.id() == viewer).build();
    }

    public List<User> render(Collection<AccountRecord> accounts, long viewer) {
        return accounts.stream().map(a -> render(a, viewer)).toList();
    }

    public UserStatus status(long userId, long lastSeen) {
        boolean on = online.test(userId);
        return UserStatus.newBuilder().setUserId(userId).setOnline(on).setLastSeen(on ? 0 : lastSeen).build();
    }
}
