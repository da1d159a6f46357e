package org.chapar.client;

import org.chapar.protocol.Difference;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Orders the updates of one box (the common box, or one supergroup's or channel's): pure logic, no
 * I/O, driven from one thread.
 *
 * <p>Invariant: {@link Output#deliver} is called with strictly increasing pts, each box event at
 * most once, and the local pts only moves forward past an event once it was delivered or a
 * difference said it is settled. An update with {@code local + pts_count == pts} applies; with
 * {@code >} it is a duplicate; with {@code <} there is a gap: it waits in the buffer for the
 * missing ones for {@code gapWaitNanos}, then a difference is fetched. While the pts is unknown
 * (before GetState) or a difference is in flight, box updates are only buffered. Results of the
 * user's own requests (sends, edits, ...) come in through {@link #offer} like pushes, so whichever
 * of the result and the push arrives second is the duplicate. An own request whose event the client
 * cannot build (a pin that posts a service message) only tells {@link #reaches} the pts it took: if
 * no update brings the box there within the gap wait, a difference does.
 */
final class UpdateSequencer {

    /** Where the sequencer's decisions go. */
    interface Output {
        /** Hands one update to the application; the local pts is now {@code update.getPts()}. */
        void deliver(Update update, List<User> users);

        /** The local pts moved to {@code pts} without a delivery (after a difference). */
        void settled(long pts);

        /**
         * Fetch GetDifference from {@code pts}; answer with {@link #onDifference} or {@link
         * #onDifferenceFailed}.
         */
        void fetchDifference(long pts);

        /**
         * The box was too far behind to replay: the application should reload dialogs and history.
         */
        void reloadNeeded();
    }

    static final long UNKNOWN = -1;

    private record Pending(Update update, List<User> users) {}

    private final long channelId; // 0: the common box
    private final Output out;
    private final LongSupplier nanoTime;
    private final long gapWaitNanos;
    private final TreeMap<Long, Pending> buffer = new TreeMap<>();
    private long pts;
    private boolean fetching;
    private long gapDeadline; // 0: no gap being waited for
    private long reached; // 0: none; a pts the box is known to reach (see #reaches)
    private long reachedWhenFetched; // what was known to be reached when the difference was asked

    UpdateSequencer(long pts, Output out, LongSupplier nanoTime, long gapWaitNanos) {
        this(0, pts, out, nanoTime, gapWaitNanos);
    }

    /** A sequencer for the box of one supergroup or channel ({@code channelId} != 0). */
    UpdateSequencer(
            long channelId, long pts, Output out, LongSupplier nanoTime, long gapWaitNanos) {
        this.channelId = channelId;
        this.pts = pts;
        this.out = out;
        this.nanoTime = nanoTime;
        this.gapWaitNanos = gapWaitNanos;
    }

    long pts() {
        return pts;
    }

    boolean fetching() {
        return fetching;
    }

    /** When {@link #tick} should run next (System.nanoTime scale), or 0 if no gap is pending. */
    long gapDeadline() {
        return gapDeadline;
    }

    /**
     * Sets the starting pts when it was unknown (from GetState), then applies what was buffered.
     */
    void start(long statePts) {
        if (pts != UNKNOWN) {
            return;
        }
        pts = statePts;
        out.settled(pts);
        drain();
    }

    /**
     * Live updates pushed by the server, or the synthesized event of one of the user's own
     * requests.
     */
    void offer(List<Update> updates, List<User> users) {
        for (Update u : updates) {
            if (u.getPts() == 0 || u.getChannelId() != channelId) {
                if (u.getKindCase() == Update.KindCase.TOO_LONG) {
                    requestDifference();
                } else {
                    out.deliver(u, users);
                }
                continue;
            }
            buffer.putIfAbsent(u.getPts(), new Pending(u, users));
        }
        drain();
    }

    /**
     * The box is known to reach {@code target}: the answer of an own request whose event the client
     * cannot build. Until an update or a difference brings the box there it has a gap.
     */
    void reaches(long target) {
        if (target > reached) {
            reached = target;
        }
        drain();
    }

    /** Asks for a difference now (on connect, after too_long); no-op while one is in flight. */
    void requestDifference() {
        if (pts == UNKNOWN || fetching) {
            return;
        }
        fetching = true;
        gapDeadline = 0;
        reachedWhenFetched = reached;
        out.fetchDifference(pts);
    }

    /** Runs a due gap timeout: the missing updates did not come, so fetch them. */
    void tick() {
        if (gapDeadline != 0 && nanoTime.getAsLong() - gapDeadline >= 0) {
            gapDeadline = 0;
            requestDifference();
        }
    }

    void onDifference(Difference d) {
        for (Update u : d.getUpdatesList()) {
            if (u.getPts() == 0 || u.getChannelId() != channelId) {
                out.deliver(u, d.getUsersList());
            } else if (u.getPts() > pts) {
                out.deliver(u, d.getUsersList());
                pts = u.getPts();
            }
        }
        long statePts = d.getState().getPts();
        if (d.getTooLong()) {
            pts = statePts;
            out.settled(pts);
            out.reloadNeeded();
        } else if (statePts > pts) {
            pts = statePts;
            out.settled(pts);
        }
        if (d.getSlice() && !d.getTooLong()) {
            out.fetchDifference(pts);
            return;
        }
        fetching = false;
        if (reached <= Math.max(pts, reachedWhenFetched)) {
            reached = 0; // a difference asked after the hint is the truth about where the box is
        }
        drain();
    }

    /** The difference request failed (connection lost): retried on the next connect or gap. */
    void onDifferenceFailed() {
        fetching = false;
    }

    private void drain() {
        if (pts == UNKNOWN || fetching) {
            return;
        }
        while (!buffer.isEmpty()) {
            Map.Entry<Long, Pending> first = buffer.firstEntry();
            Update u = first.getValue().update();
            long expected = pts + u.getPtsCount();
            if (expected > u.getPts()) {
                buffer.pollFirstEntry(); // already applied
            } else if (expected == u.getPts()) {
                buffer.pollFirstEntry();
                out.deliver(u, first.getValue().users());
                pts = u.getPts();
            } else {
                armGap();
                return;
            }
        }
        if (reached > pts) {
            armGap();
        } else {
            gapDeadline = 0;
        }
    }

    private void armGap() {
        if (gapDeadline == 0) {
            gapDeadline = nanoTime.getAsLong() + gapWaitNanos;
            if (gapDeadline == 0) {
                gapDeadline = 1;
            }
        }
    }

    /** The updates waiting for a gap to close (for tests and diagnostics). */
    List<Long> bufferedPts() {
        return new ArrayList<>(buffer.keySet());
    }
}
