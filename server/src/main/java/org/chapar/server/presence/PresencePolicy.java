package org.chapar.server.presence;

import org.chapar.protocol.UserStatus;
import org.chapar.server.privacy.Privacy;
import org.chapar.server.store.StoreTx;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * The one rule for online status and last seen: may this viewer see that user's? A user always sees
 * their own; anyone else only if the user's last_seen setting admits them (by default: the users
 * they have written to in a private chat). Sharing a group or reading its history admits nobody.
 * Everything that renders a user's status or pushes a change of it asks here.
 */
public final class PresencePolicy {
    private final LongPredicate online;

    /** {@code online}: whether a user has a live connection now. */
    public PresencePolicy(LongPredicate online) {
        this.online = online;
    }

    /** Viewer 0 stands for any member of a chat (one rendering for all of them). */
    public boolean maySee(StoreTx tx, long viewer, long target) {
        return viewer != 0 && viewer == target
                || Privacy.admits(tx.privacy().get(target).lastSeen(), tx, target, viewer);
    }

    /** The user's status as the viewer may see it: only the user id when it is hidden. */
    public UserStatus status(StoreTx tx, long viewer, long target, long lastSeen) {
        return maySee(tx, viewer, target)
                ? own(target, lastSeen)
                : UserStatus.newBuilder().setUserId(target).build();
    }

    /** The user's status as they see it themself. */
    public UserStatus own(long userId, long lastSeen) {
        boolean on = online.test(userId);
        return UserStatus.newBuilder()
                .setUserId(userId)
                .setOnline(on)
                .setLastSeen(on ? 0 : lastSeen)
                .build();
    }

    /** Who is told live when the user comes online or goes offline: private peers it admits. */
    List<Long> watchers(StoreTx tx, long userId) {
        return tx.dialogs().privatePeers(userId).stream()
                .filter(peer -> peer != userId && maySee(tx, peer, userId))
                .toList();
    }
}
