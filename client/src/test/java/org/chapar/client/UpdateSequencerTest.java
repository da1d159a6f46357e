package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Difference;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.State;
import org.chapar.protocol.TooLong;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.protocol.UserTyping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class UpdateSequencerTest {

    private static final long WAIT = 500_000_000L;

    private long now = 1_000;
    private final List<Long> delivered = new ArrayList<>();
    private final List<Update> ephemeral = new ArrayList<>();
    private final List<Long> fetches = new ArrayList<>();
    private final List<Long> settled = new ArrayList<>();
    private int reloads;

    private final UpdateSequencer.Output out =
            new UpdateSequencer.Output() {
                @Override
                public void deliver(Update u, List<User> users) {
                    if (u.getPts() == 0) {
                        ephemeral.add(u);
                    } else {
                        delivered.add(u.getPts());
                    }
                }

                @Override
                public void settled(long pts) {
                    settled.add(pts);
                }

                @Override
                public void fetchDifference(long pts) {
                    fetches.add(pts);
                }

                @Override
                public void reloadNeeded() {
                    reloads++;
                }
            };

    private UpdateSequencer seq(long pts) {
        return new UpdateSequencer(pts, out, () -> now, WAIT);
    }

    private static Update box(long pts) {
        return box(pts, 1);
    }

    private static Update box(long pts, int count) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(count)
                .setNewMessage(
                        NewMessage.newBuilder()
                                .setMessage(Message.newBuilder().setId(pts).setText("m" + pts)))
                .build();
    }

    private static void push(UpdateSequencer s, Update... updates) {
        s.offer(List.of(updates), List.of());
    }

    private static Difference diff(long statePts, boolean slice, Update... updates) {
        return Difference.newBuilder()
                .addAllUpdates(List.of(updates))
                .setState(State.newBuilder().setPts(statePts))
                .setSlice(slice)
                .build();
    }

    @Test
    void appliesUpdatesInOrder() {
        UpdateSequencer s = seq(10);
        push(s, box(11));
        push(s, box(12), box(14, 2));
        assertThat(delivered).containsExactly(11L, 12L, 14L);
        assertThat(s.pts()).isEqualTo(14);
        assertThat(fetches).isEmpty();
        assertThat(s.gapDeadline()).isZero();
    }

    @Test
    void dropsDuplicates() {
        UpdateSequencer s = seq(10);
        push(s, box(11), box(12));
        push(s, box(11), box(12), box(10), box(5));
        assertThat(delivered).containsExactly(11L, 12L);
        assertThat(s.pts()).isEqualTo(12);
    }

    @Test
    void overlappingMultiCountUpdateIsADuplicate() {
        UpdateSequencer s = seq(10);
        push(s, box(12, 2));
        push(s, box(11, 1), box(12, 2));
        assertThat(delivered).containsExactly(12L);
    }

    @Test
    void outOfOrderArrivalWithinTheWaitIsReordered() {
        UpdateSequencer s = seq(10);
        push(s, box(13));
        push(s, box(12));
        assertThat(delivered).isEmpty();
        assertThat(s.gapDeadline()).isEqualTo(1_000 + WAIT);
        now += WAIT / 2;
        s.tick();
        push(s, box(11));
        assertThat(delivered).containsExactly(11L, 12L, 13L);
        assertThat(s.gapDeadline()).isZero();
        now += WAIT;
        s.tick();
        assertThat(fetches).isEmpty();
    }

    @Test
    void gapNotFilledInTimeFetchesDifference() {
        UpdateSequencer s = seq(10);
        push(s, box(11), box(13));
        assertThat(delivered).containsExactly(11L);
        now += WAIT - 1;
        s.tick();
        assertThat(fetches).isEmpty();
        now += 1;
        s.tick();
        assertThat(fetches).containsExactly(11L);

        // Live updates arriving while the difference is in flight wait for it.
        push(s, box(14));
        assertThat(delivered).containsExactly(11L);

        s.onDifference(diff(13, false, box(12), box(13)));
        assertThat(delivered).containsExactly(11L, 12L, 13L, 14L);
        assertThat(s.pts()).isEqualTo(14);
        assertThat(s.fetching()).isFalse();
        assertThat(s.bufferedPts()).isEmpty();
    }

    @Test
    void differenceMayLeaveOutDeletedEventsAndSetsPtsFromState() {
        UpdateSequencer s = seq(10);
        s.requestDifference();
        s.onDifference(diff(15, false, box(12), box(14)));
        assertThat(delivered).containsExactly(12L, 14L);
        assertThat(s.pts()).isEqualTo(15);
        assertThat(settled).containsExactly(15L);
    }

    @Test
    void multiSliceDifferenceIsFollowedUntilTheEnd() {
        UpdateSequencer s = seq(0);
        s.requestDifference();
        assertThat(fetches).containsExactly(0L);
        s.onDifference(diff(2, true, box(1), box(2)));
        assertThat(fetches).containsExactly(0L, 2L);
        assertThat(s.fetching()).isTrue();
        s.onDifference(diff(4, true, box(3), box(4)));
        s.onDifference(diff(5, false, box(5)));
        assertThat(fetches).containsExactly(0L, 2L, 4L);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(s.fetching()).isFalse();
        assertThat(s.pts()).isEqualTo(5);
    }

    @Test
    void differenceSkipsWhatWasAlreadyApplied() {
        UpdateSequencer s = seq(10);
        push(s, box(11));
        s.requestDifference();
        s.onDifference(diff(12, false, box(10), box(11), box(12)));
        assertThat(delivered).containsExactly(11L, 12L);
    }

    @Test
    void tooLongDifferenceAsksForReloadAndJumps() {
        UpdateSequencer s = seq(10);
        s.requestDifference();
        s.onDifference(
                Difference.newBuilder()
                        .setTooLong(true)
                        .setState(State.newBuilder().setPts(5000))
                        .build());
        assertThat(reloads).isEqualTo(1);
        assertThat(s.pts()).isEqualTo(5000);
        assertThat(delivered).isEmpty();
        push(s, box(5001));
        assertThat(delivered).containsExactly(5001L);
    }

    @Test
    void tooLongPushTriggersDifference() {
        UpdateSequencer s = seq(7);
        push(s, Update.newBuilder().setTooLong(TooLong.getDefaultInstance()).build());
        assertThat(fetches).containsExactly(7L);
        assertThat(ephemeral).isEmpty();
    }

    @Test
    void ephemeralUpdatesAreDeliveredAtOnceAndDoNotMovePts() {
        UpdateSequencer s = seq(10);
        push(s, box(12)); // gap: waits
        Update typing =
                Update.newBuilder().setUserTyping(UserTyping.newBuilder().setUserId(5)).build();
        push(s, typing);
        assertThat(ephemeral).containsExactly(typing);
        assertThat(delivered).isEmpty();
        assertThat(s.pts()).isEqualTo(10);
    }

    @Test
    void ownResultFirstThenPushIsDeliveredOnce() {
        UpdateSequencer s = seq(10);
        push(s, box(11)); // the send result, fed as an update
        push(s, box(11)); // the push of the same event
        assertThat(delivered).containsExactly(11L);
    }

    @Test
    void pushFirstThenOwnResultIsDeliveredOnce() {
        UpdateSequencer s = seq(10);
        push(s, box(11), box(12));
        push(s, box(11));
        assertThat(delivered).containsExactly(11L, 12L);
        assertThat(s.pts()).isEqualTo(12);
    }

    @Test
    void ownResultAheadOfAMissingPushWaitsForIt() {
        UpdateSequencer s = seq(10);
        push(s, box(12)); // own send result; the incoming message 11 is still on its way
        assertThat(delivered).isEmpty();
        push(s, box(11));
        push(s, box(12)); // the push of our own send
        assertThat(delivered).containsExactly(11L, 12L);
    }

    @Test
    void unknownPtsBuffersUntilStart() {
        UpdateSequencer s = seq(UpdateSequencer.UNKNOWN);
        push(s, box(3), box(4));
        s.requestDifference();
        assertThat(fetches).isEmpty();
        assertThat(delivered).isEmpty();
        s.start(3); // GetState answered 3: 3 is already in the past
        assertThat(delivered).containsExactly(4L);
        assertThat(s.pts()).isEqualTo(4);
    }

    @Test
    void failedDifferenceCanBeRequestedAgain() {
        UpdateSequencer s = seq(10);
        s.requestDifference();
        s.requestDifference(); // already in flight
        assertThat(fetches).containsExactly(10L);
        s.onDifferenceFailed();
        s.requestDifference();
        assertThat(fetches).containsExactly(10L, 10L);
    }

    @Test
    void gapAfterDifferenceRearmsTheTimer() {
        UpdateSequencer s = seq(10);
        s.requestDifference();
        push(s, box(20));
        s.onDifference(diff(12, false, box(11), box(12)));
        assertThat(delivered).containsExactly(11L, 12L);
        assertThat(s.gapDeadline()).isNotZero();
        now += WAIT;
        s.tick();
        assertThat(fetches).containsExactly(10L, 12L);
    }

    @Test
    void aChannelBoxOrdersOnlyItsOwnUpdates() {
        UpdateSequencer s = new UpdateSequencer(77, 5, out, () -> now, WAIT);
        Update post6 = box(6).toBuilder().setChannelId(77).build();
        Update post8 = box(8).toBuilder().setChannelId(77).build();
        Update post7 = box(7).toBuilder().setChannelId(77).build();
        push(s, post6, post8);
        assertThat(delivered).containsExactly(6L);
        push(s, post7);
        assertThat(delivered).containsExactly(6L, 7L, 8L);
        push(s, post7);
        assertThat(delivered).containsExactly(6L, 7L, 8L);
        now += WAIT;
        s.tick();
        assertThat(fetches).isEmpty();
    }

    @Test
    void aReachedPtsThatThePushesBringIsNoGap() {
        UpdateSequencer s = seq(10);
        s.reaches(12);
        assertThat(s.gapDeadline()).isEqualTo(1_000 + WAIT);
        push(s, box(11), box(12));
        assertThat(delivered).containsExactly(11L, 12L);
        assertThat(s.gapDeadline()).isZero();
        now += WAIT;
        s.tick();
        assertThat(fetches).isEmpty();
    }

    @Test
    void aReachedPtsThatNoPushBringsIsFetchedAfterTheWait() {
        UpdateSequencer s = seq(10);
        s.reaches(12);
        push(s, box(11));
        now += WAIT - 1;
        s.tick();
        assertThat(fetches).isEmpty();
        now += 1;
        s.tick();
        assertThat(fetches).containsExactly(11L);
        s.onDifference(diff(12, false, box(12)));
        assertThat(delivered).containsExactly(11L, 12L);
        assertThat(s.gapDeadline()).isZero();
    }

    @Test
    void aDifferenceAskedAfterAReachedPtsSettlesItWhateverItSays() {
        UpdateSequencer s = seq(10);
        s.reaches(15);
        now += WAIT;
        s.tick();
        s.onDifference(diff(11, false, box(11)));
        assertThat(delivered).containsExactly(11L);
        assertThat(s.gapDeadline()).as("no endless fetching").isZero();
        now += WAIT;
        s.tick();
        assertThat(fetches).containsExactly(10L);
    }

    @Test
    void aPtsReachedWhileADifferenceIsInFlightIsStillAwaited() {
        UpdateSequencer s = seq(10);
        s.requestDifference();
        s.reaches(12);
        s.onDifference(diff(11, false, box(11)));
        assertThat(s.gapDeadline()).isNotZero();
        now += WAIT;
        s.tick();
        assertThat(fetches).containsExactly(10L, 11L);
    }
}
