package org.chapar.client;

import java.util.function.UnaryOperator;

/**
 * The link's saved state (session token, pts per box), written from the link thread and, for
 * delivered pts, from the delivery thread; every change is saved to the store at once.
 */
final class LinkState {

    private final SyncStateStore store;
    private SyncState state; // guarded by this
    private long epoch; // guarded by this; bumped when another user logs in on this client

    LinkState(SyncStateStore store) {
        this.store = store;
        this.state = store.load();
    }

    synchronized SyncState get() {
        return state;
    }

    synchronized void change(UnaryOperator<SyncState> change) {
        state = change.apply(state);
        store.save(state);
    }

    /** Another user logged in: pts of updates decided before are void. Returns the new epoch. */
    synchronized long newEpoch() {
        return ++epoch;
    }

    /** Saves that a box (0: the common box) is delivered up to {@code pts}, as of an epoch. */
    synchronized void delivered(long box, long pts, long updateEpoch) {
        if (updateEpoch != epoch) {
            return; // an update of the user logged in before: its pts means nothing now
        }
        change(s -> box == 0 ? s.withPts(pts) : s.withChannelPts(box, pts));
    }
}
