package org.chapar.client;

import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetState;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the user's boxes in step with the server: the common box's {@link UpdateSequencer} and the
 * {@link ChannelBoxes}, fed by pushes, the events of the user's own requests and differences, and
 * the one gap timer they share. A request-only client (syncUpdates off) delivers nothing and only
 * records where the boxes start. Confined to the link thread, apart from {@link #stateKnown}.
 */
final class SyncDriver {

    private static final Logger log = LoggerFactory.getLogger(SyncDriver.class);
    static final long GAP_WAIT_MS = 500;
    private static final int DIFFERENCE_PAGE = 500;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What the boxes need from the link. */
    interface Link {
        /** Runs {@code task} on the link thread after {@code delayNanos}. */
        ClientClock.Timer later(long delayNanos, Runnable task);

        /** The boxes are caught up: the link is online, if it was not yet. */
        void caughtUp();
    }

    private final boolean syncUpdates;
    private final LinkState state;
    private final UpdateDelivery delivery;
    private final OwnMessages mine;
    private final RequestQueue queue;
    private final ClientClock clock;
    private final Link link;
    private final ChannelBoxes channels;
    private UpdateSequencer sequencer;
    private int differencePage = DIFFERENCE_PAGE;
    private ClientClock.Timer gapTimer;
    private long gapTimerDeadline;
    private volatile CompletableFuture<Void> stateKnown = CompletableFuture.completedFuture(null);

    SyncDriver(
            boolean syncUpdates,
            LinkState state,
            UpdateDelivery delivery,
            OwnMessages mine,
            RequestQueue queue,
            ClientClock clock,
            Link link) {
        this.syncUpdates = syncUpdates;
        this.state = state;
        this.delivery = delivery;
        this.mine = mine;
        this.queue = queue;
        this.clock = clock;
        this.link = link;
        this.channels =
                new ChannelBoxes(channelLink(), () -> differencePage, gapWaitNanos(), clock);
        SyncState saved = state.get();
        this.sequencer = newSequencer(saved.hasPts() ? saved.pts() : UpdateSequencer.UNKNOWN);
        saved.channelPts().forEach(channels::follow);
    }

    private static long gapWaitNanos() {
        return TimeUnit.MILLISECONDS.toNanos(GAP_WAIT_MS);
    }

    /** The server's largest difference page, from its Hello. */
    void limitPage(int page) {
        if (page > 0) {
            differencePage = Math.min(DIFFERENCE_PAGE, page);
        }
    }

    /** Another user logged in: the boxes start over. */
    void restart() {
        sequencer = newSequencer(UpdateSequencer.UNKNOWN);
        channels.clear();
    }

    /** Completes once the box's starting pts is known after the latest authorization. */
    CompletableFuture<Void> stateKnown() {
        return stateKnown;
    }

    /** Authorized: bring the box up to date before live updates, or learn where it starts. */
    void catchUp() {
        if (sequencer.pts() == UpdateSequencer.UNKNOWN) {
            CompletableFuture<Void> known = new CompletableFuture<>();
            stateKnown = known;
            queue.internal(
                    ClientFrame.newBuilder().setGetState(GetState.getDefaultInstance()),
                    f -> {
                        long pts = f.getState().getPts();
                        if (syncUpdates) {
                            sequencer.start(pts);
                        } else {
                            state.change(s -> s.withPts(pts));
                            sequencer = newSequencer(pts);
                        }
                        known.complete(null);
                        link.caughtUp();
                    },
                    e -> {
                        log.debug("GetState failed", e);
                        known.completeExceptionally(e);
                    });
        } else if (syncUpdates) {
            sequencer.requestDifference();
            if (!sequencer.fetching()) {
                link.caughtUp();
            }
        } else {
            link.caughtUp();
        }
    }

    /** Updates pushed by the server (id 0 frames). */
    void onPush(List<Update> updates, List<User> users) {
        if (!syncUpdates) {
            return;
        }
        List<Update> common = new ArrayList<>(updates.size());
        for (Update u : updates) {
            if (u.getChannelId() != 0 && u.getPts() != 0) {
                channels.offer(u, users);
            } else {
                common.add(u);
            }
        }
        if (!common.isEmpty()) {
            sequencer.offer(common, users);
        }
    }

    /** Feeds the event of one of the user's own requests (a send, an edit) to its box. */
    void offerOwn(Update u) {
        if (!syncUpdates || u.getPts() == 0 || u.getPtsCount() == 0) {
            return;
        }
        if (u.getChannelId() != 0) {
            channels.offer(u, List.of());
        } else {
            sequencer.offer(List.of(u), List.of());
        }
    }

    /**
     * One of the user's own requests took the box {@code channelId} (0: the common box) to {@code
     * pts} with an event the client cannot build: the box fetches it unless a push brings it.
     */
    void reaches(long channelId, long pts) {
        if (!syncUpdates || pts == 0) {
            return;
        }
        if (channelId != 0) {
            channels.reaches(channelId, pts);
        } else {
            sequencer.reaches(pts);
        }
    }

    /**
     * A supergroup or channel the user is a member of and the client does not follow yet (it was
     * just joined or created) is followed from the pts in this answer, also by a request-only
     * client: the next client on the same state then delivers every post since the join, where a
     * chat first seen in a difference would start at its head.
     */
    void followFromHere(ChatInfo info) {
        Chat chat = info.getChat();
        boolean ownBox =
                chat.getKind() == ChatKind.SUPERGROUP || chat.getKind() == ChatKind.CHANNEL;
        MemberStatus status = info.getSelf().getStatus();
        boolean member =
                status == MemberStatus.MEMBER
                        || status == MemberStatus.ADMIN
                        || status == MemberStatus.CREATOR;
        if (!ownBox
                || !member
                || channels.follows(chat.getId())
                || state.get().channelPts().containsKey(chat.getId())) {
            return;
        }
        if (syncUpdates) {
            channels.follow(chat.getId(), chat.getPts());
        }
        state.change(st -> st.withChannelPts(chat.getId(), chat.getPts()));
    }

    /** After every event on the link thread: arm the gap timer for the earliest open gap. */
    void armGapTimer() {
        long deadline = channels.earliestGapDeadline(sequencer.gapDeadline());
        if (deadline != 0 && deadline != gapTimerDeadline) {
            cancel(gapTimer);
            gapTimerDeadline = deadline;
            gapTimer = link.later(Math.max(0, deadline - clock.nanoTime()), this::tick);
        }
    }

    void stop() {
        cancel(gapTimer);
    }

    private void tick() {
        gapTimerDeadline = 0;
        sequencer.tick();
        channels.tick();
    }

    private void onDifference(Difference d) {
        channels.onHeads(d.getChannelsList());
        sequencer.onDifference(d);
        if (!sequencer.fetching()) {
            link.caughtUp();
        }
    }

    private void differenceFailed(Throwable e) {
        sequencer.onDifferenceFailed();
        if (queue.phase() == RequestQueue.Phase.DOWN) {
            return; // the connection dropped: the reconnect's catch-up asks again
        }
        // an answer on a live connection (the server overloaded or going down, a storage error):
        // nothing else would ask again until a new update showed a gap
        if (!(e instanceof ChaparException ce && ce.getCode() == ErrorCode.UNAVAILABLE)) {
            log.warn("GetDifference failed, retrying", e);
        }
        link.later(RETRY_NANOS, () -> sequencer.requestDifference());
    }

    private UpdateSequencer newSequencer(long pts) {
        return new UpdateSequencer(
                pts,
                new UpdateSequencer.Output() {
                    @Override
                    public void deliver(Update update, List<User> users) {
                        delivery.update(mine.mark(update), users);
                    }

                    @Override
                    public void settled(long pts) {
                        delivery.settled(0, pts);
                    }

                    @Override
                    public void fetchDifference(long pts) {
                        queue.internal(
                                ClientFrame.newBuilder()
                                        .setGetDifference(
                                                GetDifference.newBuilder()
                                                        .setPts(pts)
                                                        .setLimit(differencePage)),
                                f -> onDifference(f.getDifference()),
                                SyncDriver.this::differenceFailed);
                    }

                    @Override
                    public void reloadNeeded() {
                        delivery.reloadNeeded(0);
                    }
                },
                clock::nanoTime,
                gapWaitNanos());
    }

    private ChannelBoxes.Link channelLink() {
        return new ChannelBoxes.Link() {
            @Override
            public void deliver(Update update, List<User> users) {
                delivery.update(mine.mark(update), users);
            }

            @Override
            public void settled(long chatId, long pts) {
                delivery.settled(chatId, pts);
            }

            @Override
            public void reloadNeeded(long chatId) {
                delivery.reloadNeeded(chatId);
            }

            @Override
            public void request(
                    ClientFrame.Builder frame,
                    Consumer<ServerFrame> ok,
                    Consumer<Throwable> failed) {
                queue.internal(frame, ok, failed);
            }

            @Override
            public void forget(long chatId) {
                state.change(s -> s.withChannelPts(chatId, SyncState.NO_PTS));
            }

            @Override
            public void later(Runnable retry) {
                link.later(RETRY_NANOS, retry);
            }

            @Override
            public boolean connected() {
                return queue.phase() != RequestQueue.Phase.DOWN;
            }
        };
    }

    private static void cancel(ClientClock.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
