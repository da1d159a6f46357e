package org.chapar.server.sync;

import java.util.Collection;
import java.util.List;

/**
 * The per-user common boxes: append-only event logs with a per-user counter, pts.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): {@link #append} allocates the pts
 * from the box's counter row in one atomic update inside the caller's transaction, so two
 * transactions appending to one box get distinct, gap-free pts and the box's order is the order in
 * which they commit. Nothing orders appends to different boxes.
 */
public interface UpdateBoxes {
    /** The pts of the user's newest event (0 for a new box). */
    long head(long userId);

    /**
     * Appends the event, advancing the box by its pts_count; returns the new pts. Holds the box's
     * counter row until commit: a transaction appending to several boxes may deadlock with another
     * on a database with row locks, which aborts one of them (the adapter retries it).
     */
    long append(long userId, BoxEvent event);

    /** Events with pts greater than {@code pts}, oldest first. */
    List<BoxEvent> after(long userId, long pts, int limit);

    /**
     * Empties the events that point at purged messages: they keep their pts (the box never goes
     * back) and lose everything else, chat and date included.
     */
    void purgeMessageEvents(long chatId, Collection<Long> messageIds);

    /** Deletes every event of the user's box (a deleted bot's update queue); its pts stays. */
    void clear(long userId);
}
