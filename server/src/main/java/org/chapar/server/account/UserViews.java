package org.chapar.server.account;

import org.chapar.protocol.User;
import org.chapar.server.presence.PresencePolicy;
import org.chapar.server.store.StoreTx;

import java.util.Collection;
import java.util.List;

/**
 * Renders accounts as the protocol's User as one viewer sees them. Online status and last seen are
 * whatever {@link PresencePolicy} lets that viewer see. Every User carries its access hash ({@link
 * UserAccess}).
 */
public final class UserViews {
    private final PresencePolicy presence;
    private final UserAccess access;

    public UserViews(PresencePolicy presence, UserAccess access) {
        this.presence = presence;
        this.access = access;
    }

    /** Who may name whom by id; the hashes it checks are the ones these views hand out. */
    public UserAccess access() {
        return access;
    }

    /** The viewer's own account. */
    public User self(AccountRecord a) {
        return user(a).setStatus(presence.own(a.id(), a.lastSeen())).setSelf(true).build();
    }

    /** An account as the viewer sees it; viewer 0: as any member of a chat may see it. */
    public User render(StoreTx tx, AccountRecord a, long viewer) {
        return user(a).setStatus(presence.status(tx, viewer, a.id(), a.lastSeen()))
                .setSelf(a.id() == viewer)
                .build();
    }

    public List<User> render(StoreTx tx, Collection<AccountRecord> accounts, long viewer) {
        User[] out = new User[accounts.size()];
        int i = 0;
        for (AccountRecord a : accounts) {
            out[i++] = render(tx, a, viewer);
        }
        return List.of(out);
    }

    private User.Builder user(AccountRecord a) {
        return User.newBuilder()
                .setId(a.id())
                .setUsername(a.username())
                .setDisplayName(a.displayName())
                .setBot(a.bot())
                .setVerified(a.verified())
                .setAccessHash(access.hash(a.id()));
    }
}
