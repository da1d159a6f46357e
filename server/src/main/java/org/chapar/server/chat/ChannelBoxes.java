package org.chapar.server.chat;

import org.chapar.server.sync.BoxEvent;

import java.util.List;

/**
 * The own box of each supergroup and channel: one event per change, whatever the member count.
 *
 * <p>Concurrent writers (docs/adr/0008-store-concurrency.md): the chat's pts lives on its row in
 * {@link SharedChats} and {@link #append} advances it in one atomic update, as {@link
 * org.chapar.server.sync.UpdateBoxes#append} does for a common box.
 */
public interface ChannelBoxes {
    /** Appends the event, advancing the chat's pts by its pts_count; returns the new pts. */
    long append(long chatId, BoxEvent event);

    List<BoxEvent> after(long chatId, long pts, int limit);

    /** How many events the box holds (for tests and operators). */
    long count(long chatId);
}
