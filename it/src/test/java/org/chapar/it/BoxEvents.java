package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Message;
import org.chapar.protocol.Update;

import java.util.List;

/** A box's delivered events in words, so a test can say which came, in order, and how often. */
final class BoxEvents {
    private BoxEvents() {}

    /**
     * The events of the box {@code channelId} (0: the common box) from the first one described as
     * {@code first} on, after checking their pts strictly increase.
     */
    static List<String> from(List<Update> updates, long channelId, String first) {
        List<Update> box =
                updates.stream()
                        .filter(u -> u.getChannelId() == channelId && u.getPts() != 0)
                        .toList();
        for (int i = 1; i < box.size(); i++) {
            assertThat(box.get(i).getPts()).isGreaterThan(box.get(i - 1).getPts());
        }
        List<String> described = box.stream().map(BoxEvents::describe).toList();
        assertThat(described).contains(first);
        return described.subList(described.indexOf(first), described.size());
    }

    /**
     * "post TEXT", "forwarded TEXT", "ACTION MESSAGE_ID", "pinned ID", "unpinned ID", or the kind.
     */
    static String describe(Update u) {
        if (u.hasPinnedMessage()) {
            return (u.getPinnedMessage().getPinned() ? "pinned " : "unpinned ")
                    + u.getPinnedMessage().getId();
        }
        if (!u.hasNewMessage()) {
            return u.getKindCase().toString();
        }
        Message m = u.getNewMessage().getMessage();
        if (m.hasAction()) {
            return m.getAction().getType() + " " + m.getAction().getMessageId();
        }
        return (m.hasFwdFrom() ? "forwarded " : "post ") + m.getText();
    }
}
