package org.chapar.server.account;

import org.chapar.protocol.User;
import org.chapar.protocol.UserStatus;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Renders accounts as the protocol's User as one viewer sees them. Online status and last seen are
 * shown to the user themself and to users they share a chat with; a stranger who finds an account
 * by search sees neither. Every User carries its access hash ({@link UserAccess}).
 */
public final class UserViews {
    private final LongPredicate online;
    private final UserAccess access;

    public UserViews(LongPredicate online, UserAccess access) {
        this.online = online;
        this.access = access;
    }

    /** Who may name whom by id; the hashes it checks are the ones these views hand out. */
    public UserAccess access() {
        return access;
    }

    /** An account the viewer shares a chat with (or the viewer's own): with presence. */
    public User render(AccountRecord a, long viewer) {
        return User.newBuilder()
                .setId(a.id())
                .setUsername(a.username())
                .setDisplayName(a.displayName())
                .setStatus(status(a.id(), a.lastSeen()))
                .setSelf(a.id() == viewer)
                .setAccessHash(access.hash(a.id()))
                .build();
    }

    public List<User> render(Collection<AccountRecord> accounts, long viewer) {
        return accounts.stream().map(a -> render(a, viewer)).toList();
    }

    /** Accounts as a viewer sees them who may not know them: presence only for {@code related}. */
    public List<User> render(Collection<AccountRecord> accounts, long viewer, Set<Long> related) {
        return accounts.stream()
                .map(
                        a ->
                                related.contains(a.id()) || a.id() == viewer
                                        ? render(a, viewer)
                                        : User.newBuilder()
                                                .setId(a.id())
                                                .setUsername(a.username())
                                                .setDisplayName(a.displayName())
                                                .setStatus(
                                                        UserStatus.newBuilder().setUserId(a.id()))
                                                .setAccessHash(access.hash(a.id()))
                                                .build())
                .toList();
    }

    public UserStatus status(long userId, long lastSeen) {
        boolean on = online.test(userId);
        return UserStatus.newBuilder()
                .setUserId(userId)
                .setOnline(on)
                .setLastSeen(on ? 0 : lastSeen)
                .build();
    }
}
