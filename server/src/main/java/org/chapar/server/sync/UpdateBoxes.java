package org.chapar.server.sync;

import java.util.Collection;
import java.util.List;

/** The per-user common boxes: append-only event logs with a per-user counter, pts. */
public interface UpdateBoxes {
    /** The pts of the user's newest event (0 for a new box). */
    long head(long userId);

    /** Appends the event, advancing the box by its pts_count; returns the new pts. */
    long append(long userId, BoxEvent event);

    /** Events with pts greater than {@code pts}, oldest first. */
    List<BoxEvent> after(long userId, long pts, int limit);

    /**
     * Empties the events that point at purged messages: they keep their pts (the box never goes
     * back) and lose everything else, chat and date included.
     */
    void purgeMessageEvents(long chatId, Collection<Long> messageIds);
}
