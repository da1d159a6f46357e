package org.chapar.client;

import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.ChannelHead;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The boxes of the user's supergroups and channels: one {@link UpdateSequencer} per chat, its gaps
 * filled by GetChannelDifference. Confined to the link thread, like the common box.
 */
final class ChannelBoxes {
    private static final Logger log = LoggerFactory.getLogger(ChannelBoxes.class);

    /** What the boxes need from the link. */
    interface Link {
        void deliver(Update update, List<User> users);

        void settled(long chatId, long pts);

        void reloadNeeded(long chatId);

        /** A request the link makes itself; callbacks on the link thread. */
        void request(
                ClientFrame.Builder frame, Consumer<ServerFrame> ok, Consumer<Throwable> failed);

        /** The user is no longer in the chat: stop keeping its pts. */
        void forget(long chatId);

        /** Runs {@code retry} on the link thread a little later. */
        void later(Runnable retry);

        /**
         * Whether the connection is up: a request that failed while it is up was answered, not
         * lost.
         */
        boolean connected();
    }

    private final Link link;
    private final IntSupplier differencePage;
    private final long gapWaitNanos;
    private final ClientClock clock;
    private final Map<Long, UpdateSequencer> boxes = new HashMap<>();

    ChannelBoxes(Link link, IntSupplier differencePage, long gapWaitNanos, ClientClock clock) {
        this.link = link;
        this.differencePage = differencePage;
        this.gapWaitNanos = gapWaitNanos;
        this.clock = clock;
    }

    boolean follows(long chatId) {
        return boxes.containsKey(chatId);
    }

    /**
     * Follows the chat from {@code pts} ({@link UpdateSequencer#UNKNOWN}: from its first update).
     */
    void follow(long chatId, long pts) {
        boxes.put(chatId, newSequencer(chatId, pts));
    }

    void clear() {
        boxes.clear();
    }

    /** A pushed update of a chat box; a box seen for the first time starts at this update. */
    void offer(Update u, List<User> users) {
        UpdateSequencer box = box(u.getChannelId());
        if (box.pts() == UpdateSequencer.UNKNOWN) {
            box.start(u.getPts() - u.getPtsCount());
        }
        box.offer(List.of(u), users);
    }

    /**
     * An own request took the chat's box to {@code pts} (see {@link UpdateSequencer#reaches}); a
     * box not followed yet starts at its first push instead.
     */
    void reaches(long chatId, long pts) {
        UpdateSequencer box = boxes.get(chatId);
        if (box != null) {
            box.reaches(pts);
        }
    }

    /** The heads a common-box difference names: fetch what moved, start what is new. */
    void onHeads(List<ChannelHead> heads) {
        for (ChannelHead head : heads) {
            UpdateSequencer box = box(head.getChatId());
            if (box.pts() == UpdateSequencer.UNKNOWN) {
                box.start(head.getPts()); // joined elsewhere: its history is loaded, not replayed
            } else if (head.getPts() > box.pts()) {
                box.requestDifference();
            }
        }
    }

    /** The earlier of {@code deadline} and the boxes' gap deadlines (0: none). */
    long earliestGapDeadline(long deadline) {
        for (UpdateSequencer box : boxes.values()) {
            long d = box.gapDeadline();
            if (d != 0 && (deadline == 0 || d - deadline < 0)) {
                deadline = d;
            }
        }
        return deadline;
    }

    void tick() {
        new ArrayList<>(boxes.values()).forEach(UpdateSequencer::tick);
    }

    private UpdateSequencer box(long chatId) {
        return boxes.computeIfAbsent(chatId, id -> newSequencer(id, UpdateSequencer.UNKNOWN));
    }

    private UpdateSequencer newSequencer(long chatId, long pts) {
        return new UpdateSequencer(
                chatId,
                pts,
                new UpdateSequencer.Output() {
                    @Override
                    public void deliver(Update update, List<User> users) {
                        link.deliver(update, users);
                    }

                    @Override
                    public void settled(long settledPts) {
                        link.settled(chatId, settledPts);
                    }

                    @Override
                    public void fetchDifference(long from) {
                        fetch(chatId, from);
                    }

                    @Override
                    public void reloadNeeded() {
                        link.reloadNeeded(chatId);
                    }
                },
                clock::nanoTime,
                gapWaitNanos);
    }

    private void fetch(long chatId, long from) {
        link.request(
                ClientFrame.newBuilder()
                        .setGetChannelDifference(
                                GetChannelDifference.newBuilder()
                                        .setChatId(chatId)
                                        .setPts(from)
                                        .setLimit(differencePage.getAsInt())),
                f -> {
                    UpdateSequencer box = boxes.get(chatId);
                    if (box != null) {
                        box.onDifference(asDifference(f.getChannelDifference()));
                    }
                },
                e -> failed(chatId, e));
    }

    private void failed(long chatId, Throwable e) {
        UpdateSequencer box = boxes.get(chatId);
        if (box == null) {
            return;
        }
        box.onDifferenceFailed();
        if (!link.connected()) {
            return; // the connection dropped: the next catch-up asks again
        }
        if (e instanceof ChaparException ce
                && ce.getCode().getNumber() >= 430
                && ce.getCode().getNumber() < 450) {
            log.debug("no longer following chat {}: {}", chatId, ce.getMessage());
            boxes.remove(chatId);
            link.forget(chatId);
        } else {
            if (!(e instanceof ChaparException ce && ce.getCode() == ErrorCode.UNAVAILABLE)) {
                log.warn("GetChannelDifference failed, retrying", e);
            }
            link.later(box::requestDifference);
        }
    }

    /** A channel difference in the common box's shape, which the sequencer understands. */
    private static Difference asDifference(ChannelDifference cd) {
        return Difference.newBuilder()
                .addAllUpdates(cd.getUpdatesList())
                .addAllUsers(cd.getUsersList())
                .setState(State.newBuilder().setPts(cd.getPts()))
                .setSlice(cd.getSlice())
                .setTooLong(cd.getTooLong())
                .build();
    }
}
